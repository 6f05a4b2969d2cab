package com.truffle.platform.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

class JsonStrictnessTest {

    enum Permission { READ, WRITE }

    record Body(String name, Integer count, Boolean flag, Permission permission) {
    }

    static ObjectMapper mapper() {
        ObjectMapper mapper = new ObjectMapper();
        new JsonStrictness().customize(mapper);
        return mapper;
    }

    @Test
    void rightTypesAreRead() throws Exception {
        Body b = mapper().readValue("{\"name\":\"ci\",\"count\":12,\"flag\":true,\"permission\":\"READ\"}", Body.class);

        assertThat(b).isEqualTo(new Body("ci", 12, true, Permission.READ));
    }

    @Test
    void aWrongTypeIsRefusedNotConverted() {
        ObjectMapper mapper = mapper();
        for (String json : new String[] { "{\"name\":123}", "{\"name\":1.5}", "{\"name\":true}", "{\"count\":\"12\"}",
                "{\"flag\":1}", "{\"flag\":\"true\"}", "{\"permission\":0}" }) {
            assertThatThrownBy(() -> mapper.readValue(json, Body.class)).as(json).isInstanceOf(MismatchedInputException.class);
        }
    }

    @Test
    void withoutItJacksonWouldConvert() throws Exception {
        // the defaults this customizer exists to change (if Jackson changes them, the customizer may go)
        Body lenient = new ObjectMapper().readValue("{\"name\":123,\"count\":\"12\",\"permission\":0}", Body.class);

        assertThat(lenient).isEqualTo(new Body("123", 12, null, Permission.READ));
    }
}
