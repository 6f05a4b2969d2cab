package com.truffle.gateway.adapter.in.scheduling;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import com.truffle.gateway.application.port.in.ReportKeyUsageUseCase;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import org.jboss.logging.Logger;

/** Publishes usage every few seconds from its own thread (a publish may block briefly on Kafka metadata), and once at shutdown. */
@ApplicationScoped
public class UsageReportSchedule {

    private static final Logger LOG = Logger.getLogger(UsageReportSchedule.class);

    private final ReportKeyUsageUseCase report;
    private final UsageReportSettings settings;
    private ScheduledExecutorService executor;

    @Inject
    public UsageReportSchedule(ReportKeyUsageUseCase report, UsageReportSettings settings) {
        this.report = report;
        this.settings = settings;
    }

    void start(@Observes StartupEvent event) {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "usage-report");
            t.setDaemon(true);
            return t;
        });
        long every = settings.interval().toMillis();
        executor.scheduleWithFixedDelay(this::reportOnce, every, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (executor != null) {
            executor.shutdownNow();
        }
        reportOnce();
    }

    private void reportOnce() {
        try {
            report.reportUsage().await().atMost(Duration.ofSeconds(30));
        } catch (RuntimeException e) {
            LOG.warnf("usage not published this round (kept for the next): %s", e.toString());
        }
    }
}
