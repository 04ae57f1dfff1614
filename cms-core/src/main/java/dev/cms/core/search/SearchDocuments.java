package dev.cms.core.search;

import dev.cms.core.markdown.MarkdownRenderer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.Term;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The fields of an article in the index and how they are filled. Text goes into a word field
 * and a character-pair field (see {@link SearchAnalyzers}); only the pair fields are stored, with
 * offsets, because they are what snippets are cut from.
 */
final class SearchDocuments {

    static final String ID = "id";
    static final String SLUG = "slug";
    static final String TITLE_WORDS = "title_cn";
    static final String TITLE_PAIRS = "title_ng";
    static final String SUMMARY_WORDS = "summary_cn";
    static final String SUMMARY_PAIRS = "summary_ng";
    static final String BODY_WORDS = "body_cn";
    static final String BODY_PAIRS = "body_ng";
    /** Epoch milliseconds; searches only match articles whose publish time has come. */
    static final String PUBLISHED_AT = "published_at";
    /** Epoch microseconds of the article's updated_at: tells whether a hit still shows the current text. */
    static final String UPDATED_AT = "updated_at";
    /** Which rebuild wrote the document; a finished rebuild removes those of earlier ones. */
    static final String GENERATION = "generation";

    private static final FieldType STORED_WITH_OFFSETS = new FieldType(TextField.TYPE_STORED);

    static {
        STORED_WITH_OFFSETS.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
        STORED_WITH_OFFSETS.freeze();
    }

    private final MarkdownRenderer markdown;

    SearchDocuments(MarkdownRenderer markdown) {
        this.markdown = markdown;
    }

    static Term idTerm(long id) {
        return new Term(ID, Long.toString(id));
    }

    static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    Document of(IndexableArticle article, long generation) {
        String title = nullToEmpty(article.title());
        String summary = nullToEmpty(article.summary());
        String body = markdown.toPlainText(article.bodyMarkdown());
        Document doc = new Document();
        doc.add(new StringField(ID, Long.toString(article.id()), Field.Store.YES));
        doc.add(new StoredField(SLUG, nullToEmpty(article.slug())));
        doc.add(new TextField(TITLE_WORDS, title, Field.Store.NO));
        doc.add(new Field(TITLE_PAIRS, title, STORED_WITH_OFFSETS));
        doc.add(new TextField(SUMMARY_WORDS, summary, Field.Store.NO));
        doc.add(new Field(SUMMARY_PAIRS, summary, STORED_WITH_OFFSETS));
        doc.add(new TextField(BODY_WORDS, body, Field.Store.NO));
        doc.add(new Field(BODY_PAIRS, body, STORED_WITH_OFFSETS));
        doc.add(new LongPoint(PUBLISHED_AT, article.publishedAt().toEpochMilli()));
        doc.add(new StoredField(UPDATED_AT, micros(article.updatedAt())));
        doc.add(new LongPoint(GENERATION, generation));
        return doc;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
