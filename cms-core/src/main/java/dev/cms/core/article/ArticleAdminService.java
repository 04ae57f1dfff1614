package dev.cms.core.article;

import dev.cms.core.user.Actor;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Articles as the admin reads them: any status, paged for the list, each checked against {@link ArticleAccess}. */
@Singleton
public class ArticleAdminService {

    private final ArticleRepository articles;
    private final ArticleAccess access;

    public ArticleAdminService(ArticleRepository articles, ArticleAccess access) {
        this.articles = articles;
        this.access = access;
    }

    /** Any article, whatever its status, with no access check: for code that has checked already or runs as the system. */
    @Transactional(readOnly = true)
    public Optional<Article> find(Long id) {
        return articles.findById(id);
    }

    /**
     * One page of the admin list as the actor may see it (authors: their own articles only),
     * narrowed by the filter. Keyset pagination: pass the last row's keys to get the next page.
     */
    @Transactional(readOnly = true)
    public List<ArticleAdminRow> adminPage(ArticleFilter filter, Actor actor, int limit) {
        Long authorId = access.listedAuthor(filter, actor);
        String status = filter.status() == null ? null : filter.status().name();
        String titleLike = filter.titleContains() == null || filter.titleContains().isBlank() ? null
                : "%" + filter.titleContains().strip().toLowerCase(Locale.ROOT)
                        .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return filter.byPublishTime()
                ? articles.pageByPublished(status, authorId, filter.topicId(), titleLike, filter.afterTime(), filter.afterId(), limit)
                : articles.pageByUpdated(status, authorId, filter.topicId(), titleLike, filter.afterTime(), filter.afterId(), limit);
    }

    /** The article for the edit form, if the actor may open it. */
    @Transactional(readOnly = true)
    public Optional<Article> findForEditing(Long id, Actor actor) {
        Optional<Article> article = articles.findById(id);
        article.ifPresent(a -> access.requireMayOpen(a, actor));
        return article;
    }
}
