package dev.cms.core.media;

import java.nio.file.Path;

/** A stored image as readers get it: its file and the content type detected when it was uploaded. */
public record MediaFile(Path file, String contentType) {
}
