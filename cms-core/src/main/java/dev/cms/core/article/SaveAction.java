package dev.cms.core.article;

/** What a save does to an article's status. */
public enum SaveAction {
    /** Keep the status (a new article is a draft). */
    SAVE,
    /** Save and make it public now, or at the given past publish time. */
    PUBLISH,
    /** Save and take it off the public site. */
    UNPUBLISH,
    /** Save and hand it to the editors for review (what authors do instead of publishing). */
    SUBMIT
}
