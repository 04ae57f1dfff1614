package dev.cms.core.media;

/** What the bytes of an upload turned out to be. */
public record InspectedImage(ImageType type, int width, int height) {
}
