package dev.cms.core.testing;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/** Small, valid image files made on the spot, and files that only pretend to be images. */
public final class TestImages {

    public static final byte[] HTML = "<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
            .getBytes(StandardCharsets.UTF_8);
    public static final byte[] SVG = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>
            """.getBytes(StandardCharsets.UTF_8);

    private TestImages() {
    }

    public static byte[] png(int width, int height) {
        return write("png", width, height, BufferedImage.TYPE_INT_ARGB);
    }

    public static byte[] jpeg(int width, int height) {
        return write("jpeg", width, height, BufferedImage.TYPE_INT_RGB);
    }

    public static byte[] gif(int width, int height) {
        return write("gif", width, height, BufferedImage.TYPE_INT_RGB);
    }

    /** A minimal extended-format WebP: the RIFF header and a VP8X chunk carrying the canvas size. */
    public static byte[] webp(int width, int height) {
        ByteBuffer b = ByteBuffer.allocate(30).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ascii("RIFF")).putInt(30 - 8).put(ascii("WEBP"));
        b.put(ascii("VP8X")).putInt(10).put((byte) 0).put(new byte[3]);
        putUint24(b, width - 1);
        putUint24(b, height - 1);
        return b.array();
    }

    /** A lossless WebP header (VP8L): signature 0x2F, then 14 bits each of width-1 and height-1. */
    public static byte[] webpLossless(int width, int height) {
        ByteBuffer b = ByteBuffer.allocate(30).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ascii("RIFF")).putInt(30 - 8).put(ascii("WEBP"));
        b.put(ascii("VP8L")).putInt(10).put((byte) 0x2F);
        b.putInt((width - 1) | (height - 1) << 14);
        b.put(new byte[5]);
        return b.array();
    }

    /** A lossy WebP key frame header ("VP8 "): frame tag, start code, 14-bit width and height. */
    public static byte[] webpLossy(int width, int height) {
        ByteBuffer b = ByteBuffer.allocate(30).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ascii("RIFF")).putInt(30 - 8).put(ascii("WEBP"));
        b.put(ascii("VP8 ")).putInt(10).put(new byte[3]);
        b.put((byte) 0x9D).put((byte) 0x01).put((byte) 0x2A);
        b.putShort((short) width).putShort((short) height);
        return b.array();
    }

    /** A PNG that is only a signature and a header chunk claiming these dimensions, no pixels. */
    public static byte[] pngHeaderOnly(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(17);
        ihdr.put(ascii("IHDR")).putInt(width).putInt(height).put((byte) 8).put((byte) 2).put(new byte[3]);
        CRC32 crc = new CRC32();
        crc.update(ihdr.array());
        ByteBuffer b = ByteBuffer.allocate(8 + 4 + 17 + 4);
        b.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        b.putInt(13).put(ihdr.array()).putInt((int) crc.getValue());
        return b.array();
    }

    /** Text a test can look for: where the picture was taken, as a camera would record it. */
    public static final String SECRET_PLACE = "Secret place 39.9042N 116.4074E";

    /**
     * A JPEG as a phone writes it: after the start marker, an EXIF APP1 segment whose GPS IFD holds
     * a latitude (39°54'27.12" N), an XMP APP1 packet and a comment, both naming the place.
     */
    public static byte[] jpegWithGpsExif(int width, int height) {
        byte[] plain = jpeg(width, height);
        ByteBuffer tiff = ByteBuffer.allocate(8 + 2 + 12 + 4 + 2 + 12 * 2 + 4 + 24).order(ByteOrder.BIG_ENDIAN);
        tiff.put(ascii("MM")).putShort((short) 42).putInt(8);
        tiff.putShort((short) 1).putShort((short) 0x8825).putShort((short) 4).putInt(1).putInt(26).putInt(0);
        tiff.putShort((short) 2);
        tiff.putShort((short) 0x0001).putShort((short) 2).putInt(2).put(ascii("N")).put(new byte[3]);
        tiff.putShort((short) 0x0002).putShort((short) 5).putInt(3).putInt(56);
        tiff.putInt(0);
        tiff.putInt(39).putInt(1).putInt(54).putInt(1).putInt(2712).putInt(100);
        byte[] exif = concat(ascii("Exif\0\0"), tiff.array());
        byte[] xmp = concat(ascii("http://ns.adobe.com/xap/1.0/\0"),
                ("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:Description exif:GPSLatitude=\"39,54.452N\">" + SECRET_PLACE
                        + "</rdf:Description></x:xmpmeta>").getBytes(StandardCharsets.UTF_8));
        byte[] comment = SECRET_PLACE.getBytes(StandardCharsets.UTF_8);
        return concat(java.util.Arrays.copyOfRange(plain, 0, 2), segment(0xE1, exif), segment(0xE1, xmp),
                segment(0xFE, comment), java.util.Arrays.copyOfRange(plain, 2, plain.length));
    }

    /**
     * A JPEG whose EXIF says how to turn it ({@code orientation}, 1 to 8) beside the camera's make
     * and the secret place, in little-endian ("II") TIFF as most phones write it.
     */
    public static byte[] jpegWithOrientation(int width, int height, int orientation) {
        byte[] plain = jpeg(width, height);
        byte[] place = (SECRET_PLACE + "\0").getBytes(StandardCharsets.UTF_8);
        ByteBuffer tiff = ByteBuffer.allocate(8 + 2 + 12 * 2 + 4 + place.length).order(ByteOrder.LITTLE_ENDIAN);
        tiff.put(ascii("II")).putShort((short) 42).putInt(8);
        tiff.putShort((short) 2);
        tiff.putShort((short) 0x010F).putShort((short) 2).putInt(place.length).putInt(8 + 2 + 12 * 2 + 4);
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        tiff.putInt(0);
        tiff.put(place);
        return concat(java.util.Arrays.copyOfRange(plain, 0, 2), segment(0xE1, concat(ascii("Exif\0\0"), tiff.array())),
                java.util.Arrays.copyOfRange(plain, 2, plain.length));
    }

    /** A PNG with text chunks (tEXt, iTXt, zTXt) and an eXIf chunk before its image data, naming the place. */
    public static byte[] pngWithText(int width, int height) {
        byte[] plain = png(width, height);
        int afterHeader = 8 + 4 + 4 + 13 + 4;
        byte[] secret = SECRET_PLACE.getBytes(StandardCharsets.UTF_8);
        return concat(java.util.Arrays.copyOfRange(plain, 0, afterHeader),
                chunk("tEXt", concat(ascii("Comment\0"), secret)),
                chunk("iTXt", concat(ascii("Location\0\0\0\0\0"), secret)),
                chunk("zTXt", concat(ascii("Place\0\0"), deflate(secret))),
                chunk("eXIf", concat(ascii("MM"), new byte[] {0, 42, 0, 0, 0, 8}, secret)),
                java.util.Arrays.copyOfRange(plain, afterHeader, plain.length));
    }

    private static byte[] segment(int marker, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(4 + payload.length).order(ByteOrder.BIG_ENDIAN);
        b.put((byte) 0xFF).put((byte) marker).putShort((short) (payload.length + 2)).put(payload);
        return b.array();
    }

    private static byte[] chunk(String type, byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(ascii(type));
        crc.update(data);
        ByteBuffer b = ByteBuffer.allocate(12 + data.length).order(ByteOrder.BIG_ENDIAN);
        b.putInt(data.length).put(ascii(type)).put(data).putInt((int) crc.getValue());
        return b.array();
    }

    private static byte[] deflate(byte[] data) {
        java.util.zip.Deflater deflater = new java.util.zip.Deflater();
        deflater.setInput(data);
        deflater.finish();
        byte[] buffer = new byte[data.length + 64];
        int n = deflater.deflate(buffer);
        deflater.end();
        return java.util.Arrays.copyOf(buffer, n);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** A large picture in few bytes: a smooth gradient, as a photo of the sky compresses. */
    public static byte[] smoothJpeg(int width, int height) {
        return write("jpeg", width, height, BufferedImage.TYPE_INT_RGB,
                (x, y) -> new Color(x * 255 / width, y * 255 / height, 120).getRGB());
    }

    public static byte[] smoothPng(int width, int height) {
        return write("png", width, height, BufferedImage.TYPE_INT_ARGB,
                (x, y) -> new Color(x * 255 / width, y * 255 / height, 120).getRGB());
    }

    private static byte[] write(String format, int width, int height, int type) {
        return write(format, width, height, type, (x, y) -> new Color((x * 40) % 256, (y * 60) % 256, 120).getRGB());
    }

    private interface Pixels {
        int rgb(int x, int y);
    }

    private static byte[] write(String format, int width, int height, int type, Pixels pixels) {
        BufferedImage image = new BufferedImage(width, height, type);
        for (int x = 0; x < width; x++) {
            for (int y = 0; y < height; y++) {
                image.setRGB(x, y, pixels.rgb(x, y));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("No javax.imageio writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void putUint24(ByteBuffer b, int value) {
        b.put((byte) value).put((byte) (value >> 8)).put((byte) (value >> 16));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
