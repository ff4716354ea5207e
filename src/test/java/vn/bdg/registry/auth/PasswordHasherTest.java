package vn.bdg.registry.auth;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordHasherTest {
    @Test
    void aPasswordIsCheckedOnlyWithAPermitToHash() throws Exception {
        Semaphore permits = new Semaphore(1);
        PasswordHasher hasher = new PasswordHasher(permits);
        String stored = hasher.hash("mật khẩu của tập huấn");

        permits.acquire(); // every permit in use, as by logins from many addresses at once
        CompletableFuture<Boolean> checking = CompletableFuture.supplyAsync(
                () -> hasher.matches("mật khẩu của tập huấn", stored));
        Thread.sleep(500); // a check takes tens of milliseconds: it would be done by now
        assertThat(checking).as("waits for a permit").isNotDone();

        permits.release();
        assertThat(checking.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(permits.availablePermits()).as("given back").isEqualTo(1);
    }
}
