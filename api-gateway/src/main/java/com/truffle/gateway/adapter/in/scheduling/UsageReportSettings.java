package com.truffle.gateway.adapter.in.scheduling;

import java.time.Duration;

/** How often usage is published. */
public record UsageReportSettings(Duration interval) {
}
