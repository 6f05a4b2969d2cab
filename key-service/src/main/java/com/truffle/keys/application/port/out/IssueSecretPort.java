package com.truffle.keys.application.port.out;

import com.truffle.keys.domain.IssuedSecret;
import com.truffle.keys.domain.KeyKind;

/** Makes a new secret of a kind and its peppered hash (the pepper lives in configuration, not in the domain). */
public interface IssueSecretPort {

    IssuedSecret issue(KeyKind kind);
}
