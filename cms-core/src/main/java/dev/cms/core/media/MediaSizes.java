package dev.cms.core.media;

import java.util.Locale;

/** File sizes as people read them, in binary units: 820 B, 12.5 KB, 10 MB. */
public final class MediaSizes {

    private MediaSizes() {
    }

    public static String text(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KB", "MB", "GB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        String number = String.format(Locale.ROOT, "%.1f", value);
        return (number.endsWith(".0") ? number.substring(0, number.length() - 2) : number) + " " + units[unit];
    }
}
