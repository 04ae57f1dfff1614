package dev.cms.core.article;

import dev.cms.core.testing.Articles;
import dev.cms.core.testing.TestActors;
import dev.cms.core.testing.TestDatabases;
import dev.cms.core.user.Actor;
import dev.cms.core.user.ForbiddenException;
import dev.cms.core.user.Role;
import dev.cms.core.user.UserService;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The roles as every article service applies them through {@link ArticleAccess}, called the way the
 * admin calls them (the admin's own tests, {@code RoleMatrixTest}, check the same rules over HTTP).
 * Access reads no SQL of its own beyond an article's author, so H2 alone runs it.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArticleAccessTest implements TestPropertyProvider {

    @Inject
    ArticleEditService edits;

    @Inject
    ArticleAdminService reads;

    @Inject
    ArticleTrashService trash;

    @Inject
    ArticleRevisionService revisions;

    @Inject
    UserService users;

    Actor editor;
    Actor author;
    Actor otherAuthor;

    @Override
    public Map<String, String> getProperties() {
        return TestDatabases.h2("access");
    }

    @BeforeAll
    void users() {
        editor = TestActors.of(users.create("access-editor", "编辑", "correct horse", Role.EDITOR));
        author = TestActors.of(users.create("access-author", "作者", "correct horse", Role.AUTHOR));
        otherAuthor = TestActors.of(users.create("access-author2", "另一位作者", "correct horse", Role.AUTHOR));
    }

    private static ArticleEdit edit(String title) {
        return Articles.edit(title + " " + UUID.randomUUID().toString().substring(0, 8)).build();
    }

    @Test
    void anAuthorOpensAndListsOnlyTheirOwnArticles() {
        Article own = edits.create(edit("作者自己的草稿"), SaveAction.SAVE, author);
        Article others = edits.create(edit("别人的草稿"), SaveAction.SAVE, otherAuthor);

        assertEquals(own.id(), reads.findForEditing(own.id(), author).orElseThrow().id());
        assertThrows(ForbiddenException.class, () -> reads.findForEditing(others.id(), author));
        assertThrows(ForbiddenException.class, () -> revisions.revisions(others.id(), author));
        assertTrue(reads.findForEditing(others.id(), editor).isPresent(), "editors open every article");

        // Asking the list for another author's articles still shows an author only their own.
        var listed = reads.adminPage(Articles.filter().author(otherAuthor.userId()).build(), author, 500);
        assertTrue(listed.stream().anyMatch(row -> row.id().equals(own.id())));
        assertTrue(listed.stream().noneMatch(row -> row.id().equals(others.id())));
    }

    @Test
    void anAuthorNeitherPublishesNorEditsWhatIsPublished() {
        assertThrows(ForbiddenException.class, () -> edits.create(edit("作者想发布"), SaveAction.PUBLISH, author));
        Article draft = edits.create(edit("作者的草稿"), SaveAction.SUBMIT, author);
        assertThrows(ForbiddenException.class, () -> edits.update(draft.id(),
                Articles.editOf(draft).build(), SaveAction.PUBLISH, author));

        Article published = edits.update(draft.id(), Articles.editOf(draft).build(), SaveAction.PUBLISH, editor);
        assertEquals(ArticleStatus.PUBLISHED, published.status());
        // An author's 保存 of their own published article is a pending change: the live version stays.
        Article pendingSaved = edits.update(published.id(), Articles.editOf(published).title("作者改了标题").build(),
                SaveAction.SAVE, author);
        assertEquals(published.title(), pendingSaved.title());
        assertThrows(ForbiddenException.class, () -> edits.update(published.id(),
                Articles.editOf(pendingSaved).title("作者改了标题").build(), SaveAction.PUBLISH, author));
        assertThrows(ForbiddenException.class, () -> edits.unpublish(published.id(), author));
        assertEquals(published.title(), reads.find(published.id()).orElseThrow().title());
        assertEquals(ArticleStatus.PUBLISHED, reads.find(published.id()).orElseThrow().status());
    }

    @Test
    void onlyEditorsUseTheTrashAndNobodyEditsWhatIsInIt() {
        Article article = edits.create(edit("要删除的"), SaveAction.PUBLISH, editor);

        assertThrows(ForbiddenException.class, () -> trash.trash(article.id(), author));
        assertEquals(ArticleStatus.PUBLISHED, reads.find(article.id()).orElseThrow().status());
        trash.trash(article.id(), editor);
        assertEquals(ArticleStatus.TRASHED, reads.find(article.id()).orElseThrow().status());
        Article trashed = reads.find(article.id()).orElseThrow();
        assertThrows(ForbiddenException.class, () -> edits.update(trashed.id(), Articles.editOf(trashed).build(),
                SaveAction.SAVE, editor));
        assertThrows(ForbiddenException.class, () -> trash.restore(article.id(), author));
        assertThrows(ForbiddenException.class, () -> trash.purge(article.id(), author));
        assertTrue(reads.find(article.id()).isPresent());

        trash.purge(article.id(), editor);
        assertTrue(reads.find(article.id()).isEmpty());
    }
}
