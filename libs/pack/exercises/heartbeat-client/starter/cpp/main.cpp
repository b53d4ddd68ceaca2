// heartbeat-client: PING the server every second and report how the connection ends.
// Started as:  ./prog HOST PORT
//   CLOSED (exit 0)  the server said BYE and closed
//   DEAD   (exit 4)  the server went silent (report it within 4 s of the last PONG)
//   RESET  (exit 5)  the connection was reset
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

using Clock = std::chrono::steady_clock;

static int finish(const char *word, int code) {
    std::printf("%s\n", word);
    return code;
}

int main(int argc, char **argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: %s HOST PORT\n", argv[0]);
        return 1;
    }
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<unsigned short>(std::atoi(argv[2])));
    if (inet_pton(AF_INET, argv[1], &addr.sin_addr) != 1) {
        std::fprintf(stderr, "not an IPv4 address: %s\n", argv[1]);
        return 1;
    }
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0 || connect(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) < 0) {
        std::perror("connect");
        return 1;
    }
    std::string inbox;  // bytes received but not yet consumed as lines
    for (;;) {
        auto pingAt = Clock::now();
        // MSG_NOSIGNAL: a reset connection fails with an error instead of raising SIGPIPE.
        if (send(fd, "PING\n", 5, MSG_NOSIGNAL) < 0) return finish("RESET", 5);
        // TODO: wait for the answer WITHOUT blocking forever: poll() the socket with a timeout,
        // then recv() what is there into `inbox`; bytes may arrive in pieces, so look for '\n'.
        //   - "PONG": wait until pingAt + 1 s, then send the next PING;
        //   - "BYE" or recv() returning 0 (the server's FIN): CLOSED, exit 0;
        //   - recv() failing (ECONNRESET): RESET, exit 5;
        //   - no PONG in time: DEAD, exit 4.
        (void)pingAt;
        return finish("DEAD", 4);
    }
}
