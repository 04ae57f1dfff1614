package dev.cms.admin.htmlimport;

import io.micronaut.core.annotation.Nullable;

import java.time.LocalDateTime;
import java.util.List;

/**
 * What {@link PageParser} read from one page in the shape of the reference article: its title, its
 * 发布时间 publish time (in the site's time zone, as written), the body blocks in order and the
 * 相关内容 titles in order.
 *
 * @param publishTime    the publish time, or null when the page has none or an invalid one
 * @param publishTimeText what followed 发布时间, as written (null when the page has no 发布时间)
 */
public record ImportedPage(@Nullable String title,
                           @Nullable LocalDateTime publishTime,
                           @Nullable String publishTimeText,
                           List<PageBlock> body,
                           List<String> related) {

    public List<String> headings() {
        return body.stream().filter(PageBlock::isHeading).map(PageBlock::text).toList();
    }

    public List<String> paragraphs() {
        return body.stream().filter(b -> b.kind() == PageBlock.Kind.PARAGRAPH).map(PageBlock::text).toList();
    }
}
