package dev.cms.core.search;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthCharFilter;
import org.apache.lucene.analysis.cn.smart.HMMChineseTokenizer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.LengthFilter;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How article text becomes search terms. Every text is indexed twice:
 * <ul>
 * <li>as words ({@code *_cn} fields): smartcn segments Chinese into words (安全 / 管理 / 器),
 *     English words are lower-cased and stemmed; good ranking, but a part of a word does not match;</li>
 * <li>as characters and character pairs ({@code *_ng} fields): every Han, kana or Hangul
 *     character alone and with its neighbour (安, 安全, 全, 全管 ...), other words whole. A query
 *     becomes the phrase of its pairs, so any part of a Chinese word matches, down to one character.</li>
 * </ul>
 * Full-width Latin letters and digits are folded to ASCII first, so ＪＡＶＡ finds java.
 */
final class SearchAnalyzers {

    private static final int CJK_SCRIPTS = CJKBigramFilter.HAN | CJKBigramFilter.HIRAGANA
            | CJKBigramFilter.KATAKANA | CJKBigramFilter.HANGUL;

    private static final int MAX_WORD_LENGTH = 255;

    private final Analyzer words = new WordAnalyzer();
    private final Analyzer pairsWithSingles = new PairAnalyzer(true);
    private final Analyzer pairs = new PairAnalyzer(false);
    private final Analyzer index = new PerFieldAnalyzerWrapper(pairsWithSingles, Map.of(
            SearchDocuments.TITLE_WORDS, words,
            SearchDocuments.SUMMARY_WORDS, words,
            SearchDocuments.BODY_WORDS, words));

    /** The analyzer documents are indexed with, per field; also what the highlighter re-reads text with. */
    Analyzer index() {
        return index;
    }

    /** The word terms of a query part, in order. */
    List<Token> words(String text) {
        return tokens(words, text);
    }

    /**
     * The character-pair terms of a query part, in order, with positions: a phrase of them matches
     * exactly where the text contains the part (a lone character stays a single term).
     */
    List<Token> pairs(String text) {
        return tokens(pairs, text);
    }

    /** A term and its position in the analysed text. */
    record Token(String term, int position) {
    }

    private static List<Token> tokens(Analyzer analyzer, String text) {
        List<Token> tokens = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream("", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
            stream.reset();
            int position = -1;
            while (stream.incrementToken()) {
                position += increment.getPositionIncrement();
                tokens.add(new Token(term.toString(), position));
            }
            stream.end();
        } catch (IOException e) {
            // Analysing a String reads no file; this cannot happen.
            throw new UncheckedIOException(e);
        }
        return tokens;
    }

    /** smartcn's pipeline (HMM segmentation, lower case, punctuation removed, Porter stems) after width folding. */
    private static final class WordAnalyzer extends Analyzer {

        @Override
        protected Reader initReader(String fieldName, Reader reader) {
            return new CJKWidthCharFilter(reader);
        }

        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer tokenizer = new HMMChineseTokenizer();
            // A run of letters is one token however long it is; Lucene refuses terms over 32 KB.
            TokenStream stream = new LengthFilter(tokenizer, 1, MAX_WORD_LENGTH);
            stream = new LowerCaseFilter(stream);
            stream = new StopFilter(stream, SmartChineseAnalyzer.getDefaultStopSet());
            stream = new PorterStemFilter(stream);
            return new TokenStreamComponents(tokenizer, stream);
        }

        @Override
        protected TokenStream normalize(String fieldName, TokenStream in) {
            return new LowerCaseFilter(in);
        }
    }

    /** Unicode word breaks (each CJK character its own token), lower case, then CJK character pairs. */
    private static final class PairAnalyzer extends Analyzer {

        private final boolean withSingles;

        PairAnalyzer(boolean withSingles) {
            this.withSingles = withSingles;
        }

        @Override
        protected Reader initReader(String fieldName, Reader reader) {
            return new CJKWidthCharFilter(reader);
        }

        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer tokenizer = new StandardTokenizer();
            TokenStream stream = new LowerCaseFilter(tokenizer);
            stream = new CJKBigramFilter(stream, CJK_SCRIPTS, withSingles);
            return new TokenStreamComponents(tokenizer, stream);
        }

        @Override
        protected TokenStream normalize(String fieldName, TokenStream in) {
            return new LowerCaseFilter(in);
        }
    }
}
