package com.truffle.ashby.adapter.in.web;

/** Where a trial company goes to pay (the web app's billing page). */
public record IntegrationPageSettings(String upgradeUrl) {
}
