package com.truffle.ashby.application.port.out;

import com.truffle.ashby.domain.AshbyConnection;
import io.smallrye.mutiny.Uni;

public interface SaveConnectionPort {

    Uni<Void> save(AshbyConnection connection);
}
