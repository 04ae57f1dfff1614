package dev.cms.admin.user;

import java.util.List;

/** The recovery codes just made, shown this once. */
public record RecoveryCodesPage(List<String> codes) {
}
