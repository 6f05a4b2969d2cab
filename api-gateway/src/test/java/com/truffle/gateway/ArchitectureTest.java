package com.truffle.gateway;

import org.junit.jupiter.api.Test;

import com.truffle.platform.testing.HexagonalArchitecture;

class ArchitectureTest {

    @Test
    void layersFollowTheHexagon() {
        HexagonalArchitecture.verify("com.truffle.gateway");
    }
}
