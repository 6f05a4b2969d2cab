package com.truffle.access.adapter.in.web;

/** Where a trial company goes to pay (the billing page of the Truffle web app: TRUFFLE_UPGRADE_URL). */
public record AccessPageSettings(String upgradeUrl) {
}
