package com.buildfactory.controlplane.application.support;

/** Request bodies the tests send. */
public final class Items {

    public static final String SEED_TITLE =
            "Staging environment topology + branch-based deploy pipeline and backup/recovery strategy";
    public static final String SEED_TEXT = "Establish the staging environment and production backup/recovery strategy"
            + " to complete the production operations lifecycle. Staging: configure a staging subdomain"
            + " (staging.domain.com) on the same or a separate VPS, configure the GitHub Actions staging deploy"
            + " pipeline (triggers on PR merge to a staging branch, deploys to staging VPS, runs health check)."
            + " Backup: implement SQLite backup strategy \u2014 nightly cron job copies SQLite file to a remote storage"
            + " bucket (S3-compatible: Backblaze B2 or DigitalOcean Spaces), backup retention policy (30 days),"
            + " restore procedure tested and documented. Monitoring: configure Uptime Robot (free tier) to check"
            + " /api/health every 5 minutes and alert on downtime. All setup documented in production-runbook.md.";

    private Items() {
    }

    /** wi-BF-276 as the seed shows it, with 32 done criteria already met. */
    public static String seed() {
        StringBuilder criteria = new StringBuilder();
        for (int i = 1; i <= 32; i++) {
            criteria.append(i > 1 ? "," : "").append("{\"name\":\"criterion ").append(i).append("\",\"met\":true}");
        }
        return "{\"key\":\"BF-276\",\"title\":\"" + SEED_TITLE + "\",\"description\":\"" + SEED_TEXT + "\","
                + "\"workType\":\"operations\",\"branch\":\"bf/BF-276-staging-environment-backup-recovery\","
                + "\"validationCommand\":\"./scripts/validate-local.ps1\","
                + "\"pullRequest\":{\"url\":\"https://github.com/SingletonTheory/build-factory-bootstrap/pull/323\","
                + "\"state\":\"merged\"},\"doneCriteria\":[" + criteria + "],"
                + "\"promptContext\":{\"path\":\"./work-items/prompts/wi-BF-276.prompt.md\",\"text\":\"" + SEED_TEXT
                + "\"}}";
    }

    /** A small item with one met criterion and an open pull request, so every action can pass its gates. */
    public static String simple(String key) {
        return "{\"key\":\"" + key + "\",\"title\":\"Item " + key + "\",\"workType\":\"feature\","
                + "\"doneCriteria\":[{\"name\":\"works\",\"met\":true}],"
                + "\"pullRequest\":{\"url\":\"https://example.org/pr/1\",\"state\":\"open\"}}";
    }

    public static String actionPath(String itemId, String action) {
        return "/api/control-plane/items/" + itemId + "/actions/" + action;
    }
}
