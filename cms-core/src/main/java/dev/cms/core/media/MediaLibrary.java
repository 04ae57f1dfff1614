package dev.cms.core.media;

import io.micronaut.core.annotation.Nullable;

import java.util.List;

/**
 * One screenful of the media library, newest first; {@code olderBefore} is the id to list before
 * for the next (older) screenful, null at the end.
 */
public record MediaLibrary(List<Media> items, @Nullable Long olderBefore) {
}
