package com.buildfactory.controlplane.application.web;

import com.buildfactory.controlplane.application.readyourwrites.MinVersionReads;
import com.buildfactory.controlplane.domain.policy.ActionAvailability;
import com.buildfactory.controlplane.domain.workitem.api.CommandRejected;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.NonNull;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.util.List;
import java.util.Map;

/** Every error as RFC 9457 problem details; bad input is a 4xx with the field it concerns, never a 500. */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(CommandRejected.class)
    public ResponseEntity<ProblemDetail> rejected(CommandRejected e) {
        return switch (e.reason()) {
            case PERMISSION_MISSING -> permissionMissing(e.availability(), e.getMessage());
            case STALE_VERSION -> {
                ProblemDetail problem = Problems.of(HttpStatus.PRECONDITION_FAILED, "stale-version",
                        "The item changed since you read it", e.getMessage());
                problem.setProperty("currentVersion", e.currentVersion());
                yield ResponseEntity.status(HttpStatus.PRECONDITION_FAILED)
                        .eTag(ItemVersions.etag(e.currentVersion())).body(problem);
            }
            case UNKNOWN_CRITERION -> problem(HttpStatus.NOT_FOUND, "unknown-criterion", "Unknown done criterion",
                    e.getMessage());
            case FOLLOW_UP_MISSING -> invalid("followUp", e.getMessage());
            case FOLLOW_UP_IS_THIS_ITEM -> problem(HttpStatus.CONFLICT, "item-exists", "Item already exists",
                    e.getMessage());
            case SIGNAL_OUTSIDE_VOCABULARY -> invalid("value", e.getMessage());
        };
    }

    @ExceptionHandler(Access.PermissionMissing.class)
    public ResponseEntity<ProblemDetail> permissionMissing(Access.PermissionMissing e) {
        ProblemDetail problem = Problems.of(HttpStatus.FORBIDDEN, "permission-missing", "Permission missing",
                e.getMessage());
        problem.setProperty("permission", e.permission());
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(problem);
    }

    @ExceptionHandler(MinVersionReads.NotVisibleYet.class)
    public ResponseEntity<ProblemDetail> notVisibleYet(MinVersionReads.NotVisibleYet e) {
        ProblemDetail problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "version-not-visible-yet",
                "Version not visible yet", e.getMessage());
        problem.setProperty("minVersion", e.minVersion());
        problem.setProperty("heldVersion", e.heldVersion());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1")
                .body(problem);
    }

    @ExceptionHandler(NotFound.class)
    public ResponseEntity<ProblemDetail> notFound(NotFound e) {
        return problem(HttpStatus.NOT_FOUND, "not-found", "Not found", e.getMessage());
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    public ResponseEntity<ProblemDetail> unknownItem(AggregateNotFoundException e) {
        return notFound(ItemsController.unknownItem(String.valueOf(e.getAggregateIdentifier())));
    }

    @ExceptionHandler(AggregateStreamCreationException.class)
    public ResponseEntity<ProblemDetail> alreadyExists(AggregateStreamCreationException e) {
        return problem(HttpStatus.CONFLICT, "item-exists", "Item already exists",
                "A work item with this key already exists; nothing was changed. Pick another key or update the"
                        + " existing item.");
    }

    @ExceptionHandler(ConcurrencyException.class)
    public ResponseEntity<ProblemDetail> concurrentChange(ConcurrencyException e) {
        return problem(HttpStatus.CONFLICT, "concurrent-change", "Concurrent change",
                "Another command changed this item at the same moment; nothing was stored. Reload and retry.");
    }

    @ExceptionHandler(InvalidInput.class)
    public ResponseEntity<ProblemDetail> invalidInput(InvalidInput e) {
        return invalid(e.field(), e.getMessage());
    }

    @ExceptionHandler(CommandExecutionException.class)
    public ResponseEntity<ProblemDetail> commandFailed(CommandExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof CommandRejected rejected) {
            return rejected(rejected);
        }
        if (cause instanceof AggregateNotFoundException notFound) {
            return unknownItem(notFound);
        }
        if (cause instanceof AggregateStreamCreationException exists) {
            return alreadyExists(exists);
        }
        return unexpected(e);
    }

    @ExceptionHandler(EventStoreException.class)
    public ResponseEntity<ProblemDetail> storeFailed(EventStoreException e) {
        log.error("The event store failed", e);
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "store-unavailable", "Event store unavailable",
                "The event log could not be written; nothing was stored. Retry shortly.");
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("Unexpected failure", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Internal error",
                "The control plane failed unexpectedly; the failure is logged.");
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(@NonNull MethodArgumentNotValidException e,
                                                                  @NonNull HttpHeaders headers,
                                                                  @NonNull HttpStatusCode status,
                                                                  @NonNull WebRequest request) {
        List<Map<String, String>> errors = e.getBindingResult().getFieldErrors().stream()
                .map(error -> Map.of("field", error.getField(),
                        "message", String.valueOf(error.getDefaultMessage())))
                .toList();
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid input",
                "The request has " + errors.size() + " invalid field(s); nothing was changed.");
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            @NonNull HandlerMethodValidationException e, @NonNull HttpHeaders headers,
            @NonNull HttpStatusCode status, @NonNull WebRequest request) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid input",
                "The request is invalid; nothing was changed.");
        problem.setProperty("errors", e.getAllErrors().stream()
                .map(error -> Map.of("message", String.valueOf(error.getDefaultMessage()))).toList());
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(@NonNull HttpMessageNotReadableException e,
                                                                  @NonNull HttpHeaders headers,
                                                                  @NonNull HttpStatusCode status,
                                                                  @NonNull WebRequest request) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "unreadable-body", "Unreadable body",
                "The body is not the JSON this endpoint expects; nothing was changed.");
        return ResponseEntity.badRequest().body(problem);
    }

    private ResponseEntity<ProblemDetail> permissionMissing(ActionAvailability availability, String message) {
        ProblemDetail problem = Problems.of(HttpStatus.FORBIDDEN, "permission-missing", "Permission missing",
                message);
        problem.setProperty("action", availability.operation().identity());
        problem.setProperty("permission", availability.operation().permission());
        problem.setProperty("gates", availability.blockedGates().stream().map(ItemPageRenderer::gate).toList());
        availability.guidance().ifPresent(guidance -> problem.setProperty("recoveryGuidance", guidance));
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(problem);
    }

    private static ResponseEntity<ProblemDetail> invalid(String field, String message) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid input",
                field + " " + message);
        problem.setProperty("errors", List.of(Map.of("field", field, "message", message)));
        return ResponseEntity.badRequest().body(problem);
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String kind, String title,
                                                         String detail) {
        return ResponseEntity.status(status).body(Problems.of(status, kind, title, detail));
    }
}
