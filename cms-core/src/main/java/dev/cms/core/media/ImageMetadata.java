package dev.cms.core.media;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Removes what a camera or an editing program wrote about a picture, not the picture: EXIF (with
 * GPS position, camera serial number, time taken), XMP, IPTC and comments. Done on the bytes, by
 * leaving segments or chunks out, never by decoding and encoding again, so the image itself is
 * unchanged to the bit. JPEG keeps every segment needed to show it as before (JFIF, ICC colour
 * profile in APP2, Adobe's colour transform in APP14, tables, frames and scans); PNG drops only its
 * text and EXIF chunks. A file whose structure this cannot follow is returned as it is.
 *
 * <p>One visible change: EXIF also carries a photo's orientation; without it, a phone picture
 * taken sideways shows as stored (browsers otherwise rotate it).
 */
public final class ImageMetadata {

    /** APP1 (EXIF, XMP), APP13 (Photoshop/IPTC) and COM (free text comments). */
    private static final Set<Integer> JPEG_DROPPED = Set.of(0xE1, 0xED, 0xFE);
    private static final Set<String> PNG_DROPPED = Set.of("tEXt", "iTXt", "zTXt", "eXIf");
    private static final int PNG_SIGNATURE_LENGTH = 8;

    private ImageMetadata() {
    }

    /** The bytes without metadata, for the formats this knows (JPEG, PNG); others unchanged. */
    public static byte[] strip(ImageType type, byte[] bytes) {
        return switch (type) {
            case JPEG -> stripJpeg(bytes);
            case PNG -> stripPng(bytes);
            default -> bytes;
        };
    }

    static byte[] stripJpeg(byte[] b) {
        if (b.length < 4 || (b[0] & 0xFF) != 0xFF || (b[1] & 0xFF) != 0xD8) {
            return b;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length);
        out.write(b, 0, 2);
        int at = 2;
        while (at < b.length) {
            if ((b[at] & 0xFF) != 0xFF) {
                return b;
            }
            int markerAt = at;
            while (at < b.length && (b[at] & 0xFF) == 0xFF) {
                at++; // fill bytes before a marker
            }
            if (at >= b.length) {
                return b;
            }
            int marker = b[at] & 0xFF;
            at++;
            if (marker == 0xD9) {
                out.write(b, markerAt, at - markerAt);
                return out.toByteArray();
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                out.write(b, markerAt, at - markerAt); // standalone markers carry no length
                continue;
            }
            if (at + 2 > b.length) {
                return b;
            }
            int length = ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
            if (length < 2 || at + length > b.length) {
                return b;
            }
            int end = at + length;
            if (marker == 0xDA) {
                // Start of scan: compressed data follows, then further tables and scans of a
                // progressive image; metadata comes before the first scan, so the rest is kept whole.
                out.write(b, markerAt, b.length - markerAt);
                return out.toByteArray();
            }
            if (!JPEG_DROPPED.contains(marker)) {
                out.write(b, markerAt, end - markerAt);
            }
            at = end;
        }
        return b;
    }

    static byte[] stripPng(byte[] b) {
        if (b.length < PNG_SIGNATURE_LENGTH) {
            return b;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length);
        out.write(b, 0, PNG_SIGNATURE_LENGTH);
        int at = PNG_SIGNATURE_LENGTH;
        while (at + 12 <= b.length) {
            long length = ((long) (b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
            if (length > b.length - at - 12L) {
                return b;
            }
            String type = new String(b, at + 4, 4, StandardCharsets.ISO_8859_1);
            int end = at + 12 + (int) length;
            if (!PNG_DROPPED.contains(type)) {
                out.write(b, at, end - at);
            }
            if (type.equals("IEND")) {
                // Whatever follows the end is no chunk; it is kept as uploaded, as JPEG's tail is.
                out.write(b, end, b.length - end);
                return out.toByteArray();
            }
            at = end;
        }
        return b;
    }
}
