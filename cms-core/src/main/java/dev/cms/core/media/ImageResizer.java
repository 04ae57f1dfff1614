package dev.cms.core.media;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;

/**
 * Makes a narrower copy of a JPEG or PNG with the JDK's own imaging (no native library to install
 * on every node). Quality comes from scaling down in halves with bilinear filtering, which
 * averages every source pixel, instead of one bicubic jump that skips most of them and leaves
 * jagged edges; memory stays bounded because the decoder already drops pixels the result cannot
 * use (subsampling to no less than twice the target width), so a 50 MP photo is never held whole.
 * Transparency is kept for PNG; the copy carries no metadata.
 */
final class ImageResizer {

    private static final float JPEG_QUALITY = 0.85f;

    private ImageResizer() {
    }

    /** The image at {@code width} pixels wide (height in proportion), encoded as {@code type}. */
    static byte[] resize(Path original, ImageType type, int width) throws IOException {
        BufferedImage source = read(original, type, width);
        int height = Math.max(1, (int) Math.round((double) source.getHeight() * width / source.getWidth()));
        int imageType = type == ImageType.PNG ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
        BufferedImage current = copy(source, source.getWidth(), source.getHeight(), imageType);
        while (current.getWidth() / 2 >= width) {
            current = copy(current, current.getWidth() / 2,
                    Math.max(height, current.getHeight() / 2), imageType);
        }
        if (current.getWidth() != width) {
            current = copy(current, width, height, imageType);
        }
        byte[] resized = write(current, type);
        // The decoder ignores EXIF: the pixels are as stored, so the copy must be turned as its original is.
        return type == ImageType.JPEG ? ImageMetadata.withOrientationOf(Files.readAllBytes(original), resized) : resized;
    }

    private static BufferedImage read(Path original, ImageType type, int width) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(original.toFile())) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new IOException("no reader for " + type + " " + original.getFileName());
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                ImageReadParam param = reader.getDefaultReadParam();
                int period = Math.max(1, reader.getWidth(0) / (2 * width));
                param.setSourceSubsampling(period, period, 0, 0);
                return reader.read(0, param);
            } finally {
                reader.dispose();
            }
        }
    }

    private static BufferedImage copy(BufferedImage from, int width, int height, int imageType) {
        BufferedImage to = new BufferedImage(width, height, imageType);
        Graphics2D g = to.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            if (imageType == BufferedImage.TYPE_INT_RGB) {
                // A transparent area of a source (none in JPEG, but an indexed PNG may end up here) turns white, not black.
                g.setColor(Color.WHITE);
                g.fillRect(0, 0, width, height);
            }
            g.drawImage(from, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return to;
    }

    private static byte[] write(BufferedImage image, ImageType type) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName(type == ImageType.PNG ? "png" : "jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (type == ImageType.JPEG) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(JPEG_QUALITY);
                if (param.canWriteProgressive()) {
                    param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
                }
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
