package dev.cms.core.media;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Tells what an upload is from its bytes alone: the signature of JPEG, PNG, GIF or WebP, then the
 * dimensions as the format's decoder reads them (javax.imageio for JPEG, PNG and GIF; the RIFF
 * header for WebP, which the JDK cannot read). The file name and the Content-Type the browser
 * declared are never consulted, so a PNG named {@code .jpg} is a PNG and HTML named {@code .png}
 * is refused. Only then, once the pixel count is known to be within the limit, is the image
 * checked to be whole: PNG and GIF are decoded to the end (subsampled, so memory stays small
 * whatever the size), a JPEG must reach its end marker, a WebP its RIFF length. A file cut short
 * (a 30-byte PNG of signature and half a header) is refused instead of stored as a broken image.
 */
public final class ImageInspector {

    /**
     * 50 megapixels (a 48 MP phone photo passes): more than any article image needs; a browser
     * holds 4 bytes a pixel, so 100 MP would cost each reader 400 MB to show.
     */
    static final long MAX_PIXELS = 50_000_000L;
    /** At most this many pixels are kept while a PNG or GIF is decoded to check it is whole. */
    private static final long VERIFY_PIXELS = 1_000_000L;

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
        switch (type) {
            case PNG, GIF -> decodeToTheEnd(type, bytes, width, height);
            case JPEG -> requireJpegEnd(bytes);
            case WEBP -> {
                // webpSize checked the RIFF length against the file's; the JDK cannot decode WebP.
            }
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
     * Decodes the first image to its last row, keeping one pixel in {@code period} each way so
     * that at most about {@link #VERIFY_PIXELS} are held: a file cut short, a damaged zlib or LZW
     * stream or a bad checksum fails here. Warnings count as failures (the decoder saw damage).
     */
    private static void decodeToTheEnd(ImageType type, byte[] bytes, int width, int height) {
        ImageReader reader = ImageIO.getImageReadersByFormatName(type.name().toLowerCase(Locale.ROOT)).next();
        List<String> warnings = new ArrayList<>();
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, true, true);
            ImageReadParam param = reader.getDefaultReadParam();
            int period = (int) Math.max(1, Math.ceil(Math.sqrt((double) width * height / VERIFY_PIXELS)));
            param.setSourceSubsampling(period, period, 0, 0);
            reader.read(0, param);
        } catch (IOException | RuntimeException e) {
            throw new InvalidMediaException(MediaRefusal.BROKEN_IMAGE, type + " is incomplete or damaged: " + e);
        } finally {
            reader.dispose();
        }
        if (!warnings.isEmpty()) {
            throw new InvalidMediaException(MediaRefusal.BROKEN_IMAGE, type + " is damaged: " + warnings.get(0));
        }
    }

    /**
     * A JPEG is whole when its segments lead to the image data and an end-of-image marker (FF D9)
     * follows it. Checked on the bytes rather than decoded: the JDK cannot decode CMYK JPEGs, which
     * browsers show, and reports a cut-off one only as a warning.
     */
    private static void requireJpegEnd(byte[] b) {
        int at = 2;
        while (at + 4 <= b.length) {
            if ((b[at] & 0xFF) != 0xFF) {
                throw new InvalidMediaException(MediaRefusal.BROKEN_IMAGE, "JPEG segment expected at byte " + at);
            }
            int marker = b[at + 1] & 0xFF;
            if (marker == 0xFF) {
                at++;
                continue;
            }
            int length = uint16be(b, at + 2);
            if (marker == 0xDA) {
                // Start of scan: the entropy-coded data runs to the end-of-image marker.
                for (int i = at + 2 + length; i + 1 < b.length; i++) {
                    if ((b[i] & 0xFF) == 0xFF && (b[i + 1] & 0xFF) == 0xD9) {
                        return;
                    }
                }
                break;
            }
            at += 2 + length;
        }
        throw new InvalidMediaException(MediaRefusal.BROKEN_IMAGE, "JPEG ends before its end-of-image marker");
    }

    private static int uint16be(byte[] b, int at) {
        return (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF);
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
