package dev.cms.admin.auth;

/** The 413 page of a form body over the limit, naming the limit ("1 MB"). */
public record TooLargePage(String limit) {
}
