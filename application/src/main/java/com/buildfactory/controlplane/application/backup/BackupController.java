package com.buildfactory.controlplane.application.backup;

import com.buildfactory.controlplane.application.security.BearerTokenFilter;
import com.buildfactory.controlplane.application.web.Access;
import com.buildfactory.controlplane.application.web.InvalidInput;
import com.buildfactory.controlplane.application.web.Problems;
import com.buildfactory.controlplane.domain.policy.Actor;
import com.buildfactory.controlplane.domain.policy.Permissions;
import com.buildfactory.controlplane.ops.archive.ArchiveKind;
import com.buildfactory.controlplane.ops.backup.BackupRun;
import com.buildfactory.controlplane.ops.backup.BackupStatus;
import com.buildfactory.controlplane.ops.backup.DrillReport;
import com.buildfactory.controlplane.ops.backup.ScrubReport;
import com.buildfactory.controlplane.ops.backup.wiring.BackupComponents;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.util.Locale;

/** Operators' view of backups: archives, runs, the last failure and drill; and backups or drills on demand. */
@RestController
@RequestMapping("/api/admin/backups")
public class BackupController {

    private final BackupComponents components;
    private final BackupJobs jobs;
    private final BackupProperties properties;
    private final Clock clock;

    public BackupController(BackupComponents components, BackupJobs jobs, BackupProperties properties, Clock clock) {
        this.components = components;
        this.jobs = jobs;
        this.properties = properties;
        this.clock = clock;
    }

    @Operation(summary = "Read backup status")
    @GetMapping
    public BackupStatusView status(@RequestAttribute(BearerTokenFilter.ACTOR_ATTRIBUTE) Actor actor) {
        Access.require(actor, Permissions.ADMIN);
        BackupStatus status = components.backupService().status();
        return new BackupStatusView(status, status.health(clock.instant(), properties.maxVerifiedAge()));
    }

    @Operation(summary = "Take a backup now", description = "full or incremental, shipped to the target.")
    @ApiResponse(responseCode = "201", description = "An archive was written.", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = BackupRun.class)))
    @ApiResponse(responseCode = "200", description = "Nothing new to archive.", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = BackupRun.class)))
    @ApiResponse(responseCode = "502", description = "The backup target failed.", content = @Content(
            mediaType = "application/problem+json"))
    @PostMapping
    public ResponseEntity<?> backup(@RequestAttribute(BearerTokenFilter.ACTOR_ATTRIBUTE) Actor actor,
                                    @RequestParam(defaultValue = "full") String kind) {
        Access.require(actor, Permissions.ADMIN);
        ArchiveKind archiveKind = switch (kind.toLowerCase(Locale.ROOT)) {
            case "full" -> ArchiveKind.FULL;
            case "incremental" -> ArchiveKind.INCREMENTAL;
            default -> throw new InvalidInput("kind", "must be full or incremental");
        };
        BackupRun run = jobs.archive(archiveKind);
        if (run.outcome() == BackupRun.Outcome.FAILED) {
            ProblemDetail problem = Problems.of(HttpStatus.BAD_GATEWAY, "backup-failed", "Backup failed",
                    run.reason());
            problem.setProperty("run", run);
            return ResponseEntity.status(HttpStatus.BAD_GATEWAY).body(problem);
        }
        return ResponseEntity.status(run.outcome() == BackupRun.Outcome.SUCCEEDED ? HttpStatus.CREATED
                : HttpStatus.OK).body(run);
    }

    @Operation(summary = "Run a restore drill now")
    @ApiResponse(responseCode = "200", description = "The drill passed.", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = DrillReport.class)))
    @ApiResponse(responseCode = "409", description = "The drill failed; the report says where.", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = DrillReport.class)))
    @PostMapping("/drill")
    public ResponseEntity<DrillReport> drill(@RequestAttribute(BearerTokenFilter.ACTOR_ATTRIBUTE) Actor actor) {
        Access.require(actor, Permissions.ADMIN);
        DrillReport report = jobs.drill();
        return ResponseEntity.status(report.passed() ? HttpStatus.OK : HttpStatus.CONFLICT).body(report);
    }

    /** Re-verifies every archive now; damage found is marked and a full archive is taken at once. */
    @PostMapping("/scrub")
    public ScrubReport scrub(@RequestAttribute(BearerTokenFilter.ACTOR_ATTRIBUTE) Actor actor) {
        Access.require(actor, Permissions.ADMIN);
        return jobs.scrub();
    }

    public record BackupStatusView(BackupStatus status, BackupStatus.Health health) {
    }
}
