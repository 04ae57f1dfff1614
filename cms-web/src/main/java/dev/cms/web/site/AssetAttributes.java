package dev.cms.web.site;

import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

import java.util.Map;

/** Gives every template {@code assets}, the {@link AssetUrls} to link stylesheets and icons by. */
@Singleton
public class AssetAttributes implements PageAttributes {

    private final AssetUrls assets;

    public AssetAttributes(AssetUrls assets) {
        this.assets = assets;
    }

    @Override
    public void contribute(HttpRequest<?> request, Map<String, Object> model) {
        model.put("assets", assets);
    }
}
