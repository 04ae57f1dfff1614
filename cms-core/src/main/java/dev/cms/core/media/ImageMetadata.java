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
 * <p>EXIF also carries how a photo is to be turned (a phone held sideways stores it unturned and
 * says so), which browsers follow: a JPEG whose EXIF says anything but "as stored" gets, in place of
 * that EXIF, a new one holding the orientation alone, so the picture still shows the right way up.
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
        boolean turned = false;
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
            } else if (marker == 0xE1 && !turned) {
                int orientation = exifOrientation(b, at + 2, end);
                if (orientation > 1) {
                    out.writeBytes(orientationOnly(orientation));
                    turned = true;
                }
            }
            at = end;
        }
        return b;
    }

    /**
     * A re-encoded copy of a JPEG (a narrower one, see {@link ImageResizer}) with the orientation of
     * its original, so browsers turn the copy as they turn the original; the copy as it is when
     * the original has none. Written after the copy's JFIF segment, where {@link #stripJpeg} leaves it too.
     */
    static byte[] withOrientationOf(byte[] original, byte[] copy) {
        int orientation = jpegOrientation(original);
        if (orientation <= 1 || copy.length < 4) {
            return copy;
        }
        int insertAt = 2;
        if ((copy[2] & 0xFF) == 0xFF && (copy[3] & 0xFF) == 0xE0 && copy.length > 6) {
            insertAt = 4 + (((copy[4] & 0xFF) << 8) | (copy[5] & 0xFF));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(copy.length + 40);
        out.write(copy, 0, insertAt);
        out.writeBytes(orientationOnly(orientation));
        out.write(copy, insertAt, copy.length - insertAt);
        return out.toByteArray();
    }

    /** The EXIF orientation of a JPEG from its segments before the first scan, or 0. */
    static int jpegOrientation(byte[] b) {
        int at = 2;
        while (at + 4 <= b.length && (b[at] & 0xFF) == 0xFF) {
            int marker = b[at + 1] & 0xFF;
            if (marker == 0xDA || marker == 0xD9) {
                return 0;
            }
            int end = at + 2 + (((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF));
            if (end > b.length) {
                return 0;
            }
            if (marker == 0xE1) {
                int orientation = exifOrientation(b, at + 4, end);
                if (orientation > 0) {
                    return orientation;
                }
            }
            at = end;
        }
        return 0;
    }

    /**
     * The Orientation (1 to 8) in an APP1 segment's EXIF data at {@code b[from, to)}, or 0 when it
     * is not EXIF, has no orientation in its first directory, or cannot be followed.
     */
    static int exifOrientation(byte[] b, int from, int to) {
        if (to - from < 6 + 8 || !new String(b, from, 6, StandardCharsets.ISO_8859_1).equals("Exif\0\0")) {
            return 0;
        }
        int tiff = from + 6;
        boolean little;
        if (b[tiff] == 'I' && b[tiff + 1] == 'I') {
            little = true;
        } else if (b[tiff] == 'M' && b[tiff + 1] == 'M') {
            little = false;
        } else {
            return 0;
        }
        if (u16(b, tiff + 2, little) != 42) {
            return 0;
        }
        long ifd = u32(b, tiff + 4, little);
        if (ifd < 8 || tiff + ifd + 2 > to) {
            return 0;
        }
        int directory = tiff + (int) ifd;
        int entries = u16(b, directory, little);
        for (int i = 0; i < entries; i++) {
            int entry = directory + 2 + 12 * i;
            if (entry + 12 > to) {
                return 0;
            }
            if (u16(b, entry, little) == 0x0112) {
                boolean oneShort = u16(b, entry + 2, little) == 3 && u32(b, entry + 4, little) == 1;
                int value = oneShort ? u16(b, entry + 8, little) : 0;
                return value >= 1 && value <= 8 ? value : 0;
            }
        }
        return 0;
    }

    /** An APP1 segment whose EXIF holds nothing but this orientation (big-endian TIFF, one entry). */
    static byte[] orientationOnly(int orientation) {
        return new byte[] {
            (byte) 0xFF, (byte) 0xE1, 0, 34,                 // APP1, length 34
            'E', 'x', 'i', 'f', 0, 0,
            'M', 'M', 0, 42, 0, 0, 0, 8,                     // TIFF header, first directory at 8
            0, 1,                                            // one entry:
            0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0, // Orientation, SHORT, 1 value
            0, 0, 0, 0                                       // no further directory
        };
    }

    private static int u16(byte[] b, int at, boolean little) {
        int first = b[at] & 0xFF;
        int second = b[at + 1] & 0xFF;
        return little ? (second << 8) | first : (first << 8) | second;
    }

    private static long u32(byte[] b, int at, boolean little) {
        long high = u16(b, little ? at + 2 : at, little);
        long low = u16(b, little ? at : at + 2, little);
        return (high << 16) | low;
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
