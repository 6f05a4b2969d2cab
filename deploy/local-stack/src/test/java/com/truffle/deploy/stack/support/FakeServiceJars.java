package com.truffle.deploy.stack.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import com.truffle.deploy.stack.LocalStack;

/** Builds a fake repository whose five "services" are {@link FakeService} packaged as quarkus-run.jar. */
public final class FakeServiceJars {

    private FakeServiceJars() {
    }

    /** Writes {@code <root>/<module>/target/quarkus-app/quarkus-run.jar} for each module. */
    public static Path create(Path root, List<String> modules) throws IOException {
        for (String module : modules) {
            Path jar = root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
            Files.createDirectories(jar.getParent());
            write(jar);
        }
        return root;
    }

    public static Path createAll(Path root) throws IOException {
        return create(root, LocalStack.MODULES);
    }

    /** The command that runs {@link FakeService} from this test JVM's classpath. */
    public static List<String> command() {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of("-Xmx32m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto"));
        cmd.add("-cp");
        try {
            cmd.add(Path.of(FakeService.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        cmd.add(FakeService.class.getName());
        return cmd;
    }

    private static void write(Path jar) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeService.class.getName());
        String entry = FakeService.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar);
             JarOutputStream out = new JarOutputStream(file, manifest);
             InputStream in = FakeService.class.getClassLoader().getResourceAsStream(entry)) {
            if (in == null) {
                throw new IOException("no " + entry + " on the test classpath");
            }
            out.putNextEntry(new JarEntry(entry));
            in.transferTo(out);
            out.closeEntry();
        }
    }
}
