package dev.tokenportal.web;

/**
 * Input the portal can never use, with what is wrong in plain words: a 400.
 *
 * @author Token Portal team
 */
class BadInputException extends RuntimeException {

	BadInputException(String problem) {
		super(problem);
	}

}
