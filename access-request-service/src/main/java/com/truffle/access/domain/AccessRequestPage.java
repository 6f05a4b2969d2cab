package com.truffle.access.domain;

import java.util.List;


public record AccessRequestPage(List<AccessRequest> data, String nextCursor) {
}
