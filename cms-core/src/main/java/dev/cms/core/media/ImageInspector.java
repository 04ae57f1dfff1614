package dev.cms.core.media;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;
import java.util.Optional;

/**
 * Tells what an upload is from its bytes alone: the signature of JPEG, PNG, GIF or WebP, then the
 * dimensions as the format's decoder reads them (javax.imageio for JPEG, PNG and GIF; the RIFF
 * header for WebP, which the JDK cannot read). The file name and the Content-Type the browser
 * declared are never consulted, so a PNG named {@code .jpg} is a PNG and HTML named {@code .png}
 * is refused.
 */
public final class ImageInspector {

    /** About 100 megapixels: more than any article image needs, less than a decompression bomb. */
    static final long MAX_PIXELS = 100_000_000L;

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private ImageInspector() {
    }

    /** The image's type and size; throws {@link InvalidMediaException} for anything else. */
    public static InspectedImage inspect(byte[] bytes) {
        ImageType type = sniff(bytes).orElseThrow(() -> new InvalidMediaException(MediaRefusal.NOT_AN_IMAGE,
                "content is not JPEG, PNG, GIF or WebP"));
        int[] size = type == ImageType.WEBP ? webpSize(bytes) : imageIoSize(type, bytes);
        int width = size[0];
        int height = size[1];
        if (width <= 0 || height <= 0) {
            throw new InvalidMediaException(MediaRefusal.BROKEN_IMAGE, type + " reports " + width + "x" + height);
        }
        if ((long) width * height > MAX_PIXELS) {
            throw new InvalidMediaException(MediaRefusal.TOO_MANY_PIXELS, width + "x" + height + " pixels");
        }
        return new InspectedImage(type, width, height);
    }

    /** The type the signature at the start of the bytes announces, if it is one we accept. */
    public static Optional<ImageType> sniff(byte[] b) {
        if (startsWith(b, 0, PNG_SIGNATURE)) {
            return Optional.of(ImageType.PNG);
        }
        if (b.length >= 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF) {
            return Optional.of(ImageType.JPEG);
        }
        if (startsWith(b, 0, ascii("GIF87a")) || startsWith(b, 0, ascii("GIF89a"))) {
            return Optional.of(ImageType.GIF);
        }
        if (startsWith(b, 0, ascii("RIFF")) && startsWith(b, 8, ascii("WEBP"))) {
            return Optional.of(ImageType.WEBP);
        }
        return Optional.empty();
    }

    private static int[] imageIoSize(ImageType type, byte[] bytes) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(type.name().toLowerCase(Locale.ROOT));
        if (!readers.hasNext()) {
            throw new IllegalStateException("This JDK has no javax.imageio reader for " + type);
        }
        ImageReader reader = readers.next();
        // In memory: ImageIO's default file cache would write temporary files for every upload.
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, true, true);
            return new int[] {reader.getWidth(0), reader.getHeight(0)};
        } catch (IOException | RuntimeException e) {
            throw new InvalidMediaException(MediaRefusal.BROKEN_IMAGE, type + " cannot be read: " + e);
        } finally {
            reader.dispose();
        }
    }

    /**
     * The canvas size from a WebP file's first chunk: VP8X (extended), VP8L (lossless) or
     * "VP8 " (lossy key frame). See the WebP container and bitstream specifications.
     */
    private static int[] webpSize(byte[] b) {
        long riffSize = uint32(b, 4);
        if (b.length < 30 || 8 + riffSize > b.length) {
            throw new InvalidMediaException(MediaRefusal.BROKEN_IMAGE, "WebP shorter than its RIFF header says");
        }
        String chunk = new String(b, 12, 4, StandardCharsets.US_ASCII);
        switch (chunk) {
            case "VP8X" -> {
                return new int[] {uint24(b, 24) + 1, uint24(b, 27) + 1};
            }
            case "VP8L" -> {
                if ((b[20] & 0xFF) != 0x2F) {
                    break;
                }
                long bits = uint32(b, 21);
                return new int[] {(int) (bits & 0x3FFF) + 1, (int) ((bits >> 14) & 0x3FFF) + 1};
            }
            case "VP8 " -> {
                if ((b[23] & 0xFF) != 0x9D || (b[24] & 0xFF) != 0x01 || (b[25] & 0xFF) != 0x2A) {
                    break;
                }
                return new int[] {uint16(b, 26) & 0x3FFF, uint16(b, 28) & 0x3FFF};
            }
            default -> {
                // Not a WebP image chunk.
            }
        }
        throw new InvalidMediaException(MediaRefusal.BROKEN_IMAGE, "WebP without a readable VP8/VP8L/VP8X header");
    }

    private static boolean startsWith(byte[] bytes, int offset, byte[] prefix) {
        if (bytes.length < offset + prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static int uint16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    private static int uint24(byte[] b, int at) {
        return uint16(b, at) | (b[at + 2] & 0xFF) << 16;
    }

    private static long uint32(byte[] b, int at) {
        return (uint24(b, at) | (long) (b[at + 3] & 0xFF) << 24);
    }
}
