package com.truffle.platform.architecture;

import org.junit.jupiter.api.Test;

import com.truffle.platform.testing.HexagonalArchitecture;

/** The platform every service stands on (service-kit, web-kit, test-kit on this classpath) knows no service. */
class PlatformArchitectureTest {

    @Test
    void platformKnowsNoServiceAndNamesSayWhatAThingIs() {
        HexagonalArchitecture.verifyPlatform("com.truffle.platform");
    }
}
