package dev.cms.admin.archive;

import dev.cms.admin.support.AuthorNodeTestSupport;

import java.util.Map;

/** Export and import on the embedded H2 database. */
class SiteArchiveTest extends SiteArchiveContract {

    @Override
    Map<String, String> newSite(String name) {
        return AuthorNodeTestSupport.properties(name);
    }
}
