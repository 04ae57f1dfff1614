package dev.cms.core.article;

import dev.cms.core.site.Texts;
import dev.cms.core.user.Actor;
import dev.cms.core.user.ForbiddenException;
import jakarta.inject.Singleton;

import java.util.Objects;

/**
 * Who may do what with articles, in one place for every article service: editors and admins see,
 * edit, publish and trash every article; an author sees only their own articles and edits them only
 * while they are drafts or in review. A refusal is a {@link ForbiddenException} with the message the
 * editor is shown.
 */
@Singleton
public class ArticleAccess {

    private final ArticleRepository articles;
    private final Texts texts;

    public ArticleAccess(ArticleRepository articles, Texts texts) {
        this.articles = articles;
        this.texts = texts;
    }

    /** Whose articles the admin list shows the actor: authors only their own, whatever the filter asks. */
    public Long listedAuthor(ArticleFilter filter, Actor actor) {
        return actor.editsAllContent() ? filter.authorId() : actor.userId();
    }

    /** Only editors and admins publish, unpublish and cancel a schedule. */
    public void requireMaySave(SaveAction action, Actor actor) {
        if ((action == SaveAction.PUBLISH || action == SaveAction.UNPUBLISH) && !actor.canPublish()) {
            throw new ForbiddenException(texts.get("article.forbidden.authorPublish"));
        }
    }

    /** Opening an article (its form, preview or revisions): authors only their own. */
    public void requireMayOpen(Article article, Actor actor) {
        if (!actor.editsAllContent() && !Objects.equals(articles.findAuthorId(article.id()).orElse(null), actor.userId())) {
            throw new ForbiddenException(texts.get("article.forbidden.notOwn"));
        }
    }

    /** Saving over an article: never in the trash, and authors only their own drafts and articles in review. */
    public void requireMayEdit(Article article, Actor actor) {
        requireMayOpen(article, actor);
        if (article.status() == ArticleStatus.TRASHED) {
            throw new ForbiddenException(texts.get("article.forbidden.trashed"));
        }
        if (!actor.editsAllContent() && article.status() != ArticleStatus.DRAFT && article.status() != ArticleStatus.REVIEW) {
            throw new ForbiddenException(texts.get("article.forbidden.publishedByEditor"));
        }
    }

    /** Moving to the trash, bringing back and deleting for good: editors and admins only. */
    public void requireMayTrash(Actor actor) {
        requireEditsAll(actor, "article.forbidden.trash");
    }

    public void requireMayRestore(Actor actor) {
        requireEditsAll(actor, "article.forbidden.restore");
    }

    public void requireMayPurge(Actor actor) {
        requireEditsAll(actor, "article.forbidden.purge");
    }

    private void requireEditsAll(Actor actor, String refusal) {
        if (!actor.editsAllContent()) {
            throw new ForbiddenException(texts.get(refusal));
        }
    }
}
