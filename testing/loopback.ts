// The egress allow-list entries of test and benchmark runs: their servers listen on loopback on random
// unprivileged ports (a narrower list is set by the tests of the egress policy itself).
export const LOOPBACK_TEST_PORTS = "127.0.0.1:1024-65535,localhost:1024-65535";
