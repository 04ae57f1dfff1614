package dev.cms.admin.htmlimport;

import dev.cms.admin.batch.BacklogDrain;
import dev.cms.admin.batch.Interruption;
import dev.cms.admin.batch.Progress;
import dev.cms.admin.htmlimport.ImportReport.FileResult;
import dev.cms.admin.htmlimport.ImportReport.Outcome;
import dev.cms.core.article.Article;
import dev.cms.core.article.ArticleAdminService;
import dev.cms.core.article.ArticleEdit;
import dev.cms.core.article.ArticleEditService;
import dev.cms.core.article.ArticleTitleRepository;
import dev.cms.core.article.ArticleValidator;
import dev.cms.core.article.SaveAction;
import dev.cms.core.related.RelatedBacklog;
import dev.cms.core.related.RelatedService;
import dev.cms.core.site.SiteSettings;
import dev.cms.core.site.StorableText;
import dev.cms.core.user.Actor;
import dev.cms.core.user.Role;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.jsoup.Jsoup;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Imports article pages (saved HTML or text, see {@link PageParser}) as articles: the whole run is
 * one transaction, so a failure or Ctrl-C leaves the site as it was, and a dry run is the same run
 * rolled back. Pages are read and created first; then each imported page's 相关内容 titles become
 * pins, in the page's order, to the articles that carry exactly those titles (existing ones or
 * ones imported in the same run).
 */
@Singleton
public class HtmlImporter {

    /** Who revisions and the audit log name for what an import writes. */
    public static final Actor ACTOR = new Actor(null, "import-html", Role.ADMIN);
    /** Larger files are refused rather than read into memory. */
    static final long MAX_FILE_BYTES = 20L * 1024 * 1024;
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final Charset GB18030 = Charset.forName("GB18030");

    /** How pages become articles. */
    public record Options(List<String> topics, boolean draft, boolean dryRun, boolean publishNowWhenTimeMissing) {
    }

    private final ArticleAdminService articles;
    private final ArticleEditService edits;
    private final ArticleTitleRepository titles;
    private final RelatedService related;
    private final SiteSettings site;
    private final Clock clock;
    private final TransactionOperations<Connection> transactions;
    private final RelatedBacklog backlog;

    public HtmlImporter(ArticleAdminService articles, ArticleEditService edits, ArticleTitleRepository titles, RelatedService related,
                        SiteSettings site, Clock clock, TransactionOperations<Connection> transactions,
                        RelatedBacklog backlog) {
        this.backlog = backlog;
        this.articles = articles;
        this.edits = edits;
        this.titles = titles;
        this.related = related;
        this.site = site;
        this.clock = clock;
        this.transactions = transactions;
    }

    /**
     * Imports the files in order and links their related titles. {@code interruption} is checked
     * after every file and every page linked: when it was requested, everything is rolled back.
     */
    public ImportReport run(List<SourceFile> files, Options options, PrintWriter progressOut, Interruption interruption) {
        long[] queued = {0};
        ImportReport written = transactions.executeWrite(status -> {
            Run run = new Run(options);
            // Each page published would recompute the lists of every page before it that shares a
            // topic: gather what changed instead, and recompute each list once after the commit.
            Set<Long> touched = related.deferringRecomputes(() -> {
                Progress reading = new Progress(progressOut, "read", "pages", files.size());
                for (SourceFile file : files) {
                    run.results.add(importFile(file, run));
                    reading.advance(1);
                    interruption.check();
                }
                Progress linking = new Progress(progressOut, "linked 相关内容 for", "pages", run.pending.size());
                for (Pending pending : run.pending) {
                    link(pending, run);
                    linking.advance(1);
                    interruption.check();
                }
            });
            if (options.dryRun()) {
                status.setRollbackOnly();
            } else if (!touched.isEmpty()) {
                queued[0] = related.queueAround(touched);
                progressOut.println("pages written; committing");
                progressOut.flush();
                interruption.check();
            }
            return new ImportReport(List.copyOf(run.results), options.dryRun(), null);
        });
        if (queued[0] == 0) {
            return written;
        }
        return written.withRelated(BacklogDrain.run(backlog, "import-html", queued[0], progressOut, interruption));
    }

    /** State of one run: results so far, pages waiting for their related links, what this run imported. */
    private static final class Run {
        final Options options;
        final List<FileResult> results = new ArrayList<>();
        final List<Pending> pending = new ArrayList<>();
        final Map<String, String> importedKeys = new HashMap<>();
        final Map<String, Optional<Long>> linkTargets = new HashMap<>();

        Run(Options options) {
            this.options = options;
        }
    }

    private record Pending(int resultIndex, Long articleId, List<String> relatedTitles) {
    }

    private FileResult importFile(SourceFile file, Run run) {
        ImportedPage page;
        try {
            page = read(file);
        } catch (IOException e) {
            return FileResult.failed(file.name(), e.getMessage());
        } catch (RuntimeException e) {
            return FileResult.failed(file.name(), "cannot read the page: " + e);
        }
        String title = page.title();
        if (title == null) {
            return FileResult.skipped(file.name(), "no title");
        }
        if (title.length() > ArticleValidator.MAX_TITLE) {
            return FileResult.skipped(file.name(), "title longer than " + ArticleValidator.MAX_TITLE + " characters");
        }
        LocalDateTime publishTime = page.publishTime();
        if (publishTime == null && page.publishTimeText() != null) {
            return FileResult.skipped(file.name(), "publish time '" + shorten(page.publishTimeText())
                    + "' after 发布时间 is not a date and time like 2024-05-28 02:54:57");
        }
        if (publishTime != null && outsidePublishTimes(publishTime.atZone(site.zone()).toInstant())) {
            return FileResult.skipped(file.name(), "publish time '" + shorten(page.publishTimeText())
                    + "' after 发布时间 is not between 1970-01-01 and 9999-12-31");
        }
        if (publishTime == null && !run.options.publishNowWhenTimeMissing()) {
            return FileResult.skipped(file.name(), "no 发布时间 publish time; --publish-time-missing=now imports"
                    + " such pages with the time of the import");
        }
        String markdown = ImportMarkdown.of(page.body());
        if (markdown.isBlank()) {
            return FileResult.skipped(file.name(), "no body text");
        }
        if (markdown.length() > ArticleValidator.MAX_BODY) {
            return FileResult.skipped(file.name(), "body longer than " + ArticleValidator.MAX_BODY + " characters");
        }
        if (StorableText.hasNul(title) || StorableText.hasNul(markdown)) {
            return FileResult.skipped(file.name(), "holds a NUL character (U+0000), which cannot be stored");
        }
        // A page without a time is imported at "now", so only its title can recognise it again.
        String key = publishTime == null ? title : title + "\n" + publishTime;
        String earlier = run.importedKeys.get(key);
        if (earlier != null) {
            return FileResult.skipped(file.name(), "same title and publish time as " + earlier + ", imported in this run");
        }
        Optional<Long> existing = publishTime == null ? titles.findIdByTitle(title)
                : titles.findIdByTitleAndPublishedAt(title, publishTime.atZone(site.zone()).toInstant());
        if (existing.isPresent()) {
            Article article = articles.find(existing.get()).orElseThrow();
            return FileResult.skipped(file.name(), "already in the site: article " + article.id() + " (/articles/"
                    + article.slug() + ", " + article.status().name().toLowerCase(java.util.Locale.ROOT) + ") has this title"
                    + (publishTime == null ? "" : " and publish time"));
        }
        Article saved = edits.create(new ArticleEdit(title, null, null, markdown, run.options.topics(), publishTime,
                null, null), run.options.draft() ? SaveAction.SAVE : SaveAction.PUBLISH, ACTOR);
        run.importedKeys.put(key, file.name());
        Instant shownAt = saved.publishedAt() != null ? saved.publishedAt() : clock.instant();
        FileResult result = new FileResult(file.name(), Outcome.IMPORTED, null, saved.title(), saved.slug(),
                saved.status().name(), SHOWN.format(shownAt.atZone(site.zone())), page.related().size(), 0, List.of());
        if (!page.related().isEmpty()) {
            run.pending.add(new Pending(run.results.size(), saved.id(), page.related()));
        }
        return result;
    }

    private static boolean outsidePublishTimes(Instant time) {
        return time.isBefore(ArticleValidator.EARLIEST_PUBLISH_TIME) || time.isAfter(ArticleValidator.LATEST_PUBLISH_TIME);
    }

    /** Pins the articles the page's related titles name, in the page's order; the rest are not found. */
    private void link(Pending pending, Run run) {
        Set<Long> targets = new LinkedHashSet<>();
        List<String> notFound = new ArrayList<>();
        for (String title : pending.relatedTitles()) {
            Optional<Long> target = run.linkTargets.computeIfAbsent(title, titles::findLinkTarget);
            if (target.isEmpty()) {
                notFound.add(title);
            } else if (!target.get().equals(pending.articleId())) {
                targets.add(target.get());
            }
        }
        if (!targets.isEmpty()) {
            related.pinAll(pending.articleId(), List.copyOf(targets));
        }
        FileResult result = run.results.get(pending.resultIndex());
        run.results.set(pending.resultIndex(), result.withLinks(targets.size(), notFound));
    }

    private static ImportedPage read(SourceFile file) throws IOException {
        long size = Files.size(file.path());
        if (size > MAX_FILE_BYTES) {
            throw new IOException("file of " + size + " bytes is larger than the " + MAX_FILE_BYTES + " bytes an"
                    + " article page can be");
        }
        byte[] bytes = Files.readAllBytes(file.path());
        String text = decode(bytes);
        if (file.isHtml(text == null ? "" : text)) {
            // jsoup honours the page's own <meta charset> (or BOM), defaulting to UTF-8.
            return PageParser.parseHtml(Jsoup.parse(new ByteArrayInputStream(bytes), null, ""));
        }
        if (text == null) {
            throw new IOException("not UTF-8 or GB18030 text");
        }
        return PageParser.parseText(text);
    }

    /** The bytes as UTF-8, else as GB18030 (what older Chinese sites saved), else null. */
    private static String decode(byte[] bytes) {
        for (Charset charset : List.of(StandardCharsets.UTF_8, GB18030)) {
            try {
                return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                // try the next one
            }
        }
        return null;
    }

    private static String shorten(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
