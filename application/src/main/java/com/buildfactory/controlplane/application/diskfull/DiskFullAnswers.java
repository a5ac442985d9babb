package com.buildfactory.controlplane.application.diskfull;

import com.buildfactory.controlplane.application.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

import java.io.IOException;

/**
 * Answers a command that failed because the disk is full with 507 Insufficient Storage and a problem that names
 * the cause and says nothing was stored (the transaction rolled back, so that is true). It runs before the
 * general problem handler, which would otherwise answer a 500 that leaves the operator to read the log.
 */
public class DiskFullAnswers implements HandlerExceptionResolver, Ordered {

    private static final Logger log = LoggerFactory.getLogger(DiskFullAnswers.class);

    private final DiskFull diskFull;
    private final Problems problems;

    public DiskFullAnswers(DiskFull diskFull, Problems problems) {
        this.diskFull = diskFull;
        this.problems = problems;
    }

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
                                         Exception failure) {
        String cause = diskFull.causeOf(failure);
        if (cause == null) {
            return null;
        }
        diskFull.seen();
        log.error("Disk full ({}): {} {} stored nothing", cause, request.getMethod(), request.getRequestURI());
        try {
            problems.write(response, HttpStatus.INSUFFICIENT_STORAGE, "disk-full", "Disk full",
                    "The database's disk is full (" + cause + "): nothing was stored. Reads keep working; retry once"
                            + " the operator has freed space.", request.getRequestURI());
        } catch (IOException e) {
            return null;
        }
        return new ModelAndView();
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }
}
