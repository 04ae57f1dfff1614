package dev.cms.core.article;

import dev.cms.core.media.Media;
import dev.cms.core.media.MediaRepository;
import dev.cms.core.revision.Revision;
import dev.cms.core.revision.RevisionRepository;
import dev.cms.core.revision.RevisionRow;
import dev.cms.core.topic.TopicService;
import dev.cms.core.user.Actor;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;

/**
 * An article's saved revisions: listed and read by whoever may open the article, put back as a new
 * save by whoever may edit it. {@link ArticleEditService} keeps a revision on every save.
 */
@Singleton
public class ArticleRevisionService {

    private static final int LISTED = 500;

    private final ArticleRepository articles;
    private final RevisionRepository revisions;
    private final ArticleAdminService reads;
    private final ArticleEditService edits;
    private final MediaRepository media;

    public ArticleRevisionService(ArticleRepository articles, RevisionRepository revisions, ArticleAdminService reads,
                                  ArticleEditService edits, MediaRepository media) {
        this.articles = articles;
        this.revisions = revisions;
        this.reads = reads;
        this.edits = edits;
        this.media = media;
    }

    /** The revisions of an article the actor may see, newest first. */
    @Transactional(readOnly = true)
    public List<RevisionRow> revisions(Long id, Actor actor) {
        reads.findForEditing(id, actor).orElseThrow(() -> new ArticleNotFoundException(id));
        return revisions.listForArticle(id, LISTED);
    }

    @Transactional(readOnly = true)
    public Optional<Revision> revision(Long id, Long revisionId, Actor actor) {
        reads.findForEditing(id, actor).orElseThrow(() -> new ArticleNotFoundException(id));
        return revisions.findByIdAndArticleId(revisionId, id);
    }

    /** Puts a revision's text, topics and featured image back as a new save (itself a revision), keeping the status. */
    @Transactional
    public Article restoreRevision(Long id, Long revisionId, Actor actor) {
        Article current = articles.findById(id).orElseThrow(() -> new ArticleNotFoundException(id));
        Revision revision = revisions.findByIdAndArticleId(revisionId, id).orElseThrow(() -> new ArticleNotFoundException(id));
        Long image = revision.featuredImagePath() == null ? null
                : media.findByPath(revision.featuredImagePath()).map(Media::id).orElse(null);
        return edits.update(id, new ArticleEdit(revision.title(), current.slug(), revision.summary(), revision.bodyMarkdown(),
                TopicService.parseNames(revision.topics()), null, image, current.version()), SaveAction.SAVE, actor);
    }
}
