package dev.tokenportal.inventory;

/**
 * A token issued through the portal, for the auditors' inventory: the token as My tokens
 * shows it, and whose it is.
 *
 * @param token the token
 * @param requester the requester's GitLab username
 * @author Token Portal team
 */
public record IssuedToken(TokenView token, String requester) {

}
