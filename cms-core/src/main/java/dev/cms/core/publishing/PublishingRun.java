package dev.cms.core.publishing;

/** One pass of the scheduler on this node finished; {@code published} is how many articles it published. */
public record PublishingRun(int published) {
}
