package dev.cms.core.related;

/** A committed change left related lists in the backlog: the node's worker recomputes them now rather than at its next tick. */
public record RelatedListsQueued() {
}
