package dev.cms.core.user;

/** What {@link UserService#importUser} did to one account of a site archive. */
public record ImportedUser(long id, Change change) {

    public enum Change { CREATED, UPDATED, UNCHANGED }
}
