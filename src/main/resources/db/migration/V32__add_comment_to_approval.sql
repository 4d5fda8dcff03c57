-- An Owner may say a few words with an approval; the requester and auditors read them on the
-- request's page. Rejections keep their reason in "reason"; only approvals have a comment.
ALTER TABLE approval ADD COLUMN comment VARCHAR(500);
ALTER TABLE approval ADD CONSTRAINT approval_comment_only_on_approvals
  CHECK (comment IS NULL OR decision = 'APPROVED');
