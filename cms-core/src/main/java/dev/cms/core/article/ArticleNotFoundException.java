package dev.cms.core.article;

/** No article with that id: shown to editors as a 404 page. */
public class ArticleNotFoundException extends RuntimeException {

    public ArticleNotFoundException(Long id) {
        super("No article with id " + id);
    }
}
