package dev.cms.core.search;

/** The index cannot answer right now (being built, or damaged and being rebuilt); readers are told to retry. */
class SearchUnavailableException extends RuntimeException {

    SearchUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
