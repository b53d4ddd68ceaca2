// length-prefixed-upper: answer each message (4-byte big-endian length + payload) with the
// same framing and the payload's letters a-z in capitals.
// Started as:  ./prog PORT     (listen on 0.0.0.0:PORT)
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace {

constexpr std::uint32_t kMaxPayload = 65536;

enum class ReadResult { Complete, EndOfStream, Broken };

// Reads exactly buf.size() bytes. EndOfStream: the stream ended before the first byte;
// Broken: it ended in the middle, or recv() failed.
ReadResult readExactly(int fd, std::vector<unsigned char> &buf) {
    // TODO: call recv() until buf.size() bytes have arrived: one recv() may return fewer.
    (void)fd;
    (void)buf;
    return ReadResult::EndOfStream;
}

// Sends all of buf (send() may send fewer bytes than asked). Returns false on error.
bool sendAll(int fd, const std::vector<unsigned char> &buf) {
    std::size_t sent = 0;
    while (sent < buf.size()) {
        ssize_t n = send(fd, buf.data() + sent, buf.size() - sent, MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        sent += static_cast<std::size_t>(n);
    }
    return true;
}

// Serves one client until the end of its stream; the caller closes the connection.
void serve(int fd) {
    for (;;) {
        std::vector<unsigned char> header(4);
        if (readExactly(fd, header) != ReadResult::Complete) return;
        // TODO: the length is header[0..3] in network byte order (memcpy into a uint32_t, then
        // ntohl()). Read that many payload bytes (none for a length of 0), turn 'a'..'z' into
        // 'A'..'Z' and leave every other byte alone, then sendAll() the header and the payload.
        (void)kMaxPayload;
        (void)sendAll;
        return;
    }
}

}  // namespace

int main(int argc, char **argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s PORT\n", argv[0]);
        return 1;
    }
    int listener = socket(AF_INET, SOCK_STREAM, 0);
    if (listener < 0) {
        std::perror("socket");
        return 1;
    }
    int on = 1;
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_ANY);
    addr.sin_port = htons(static_cast<unsigned short>(std::atoi(argv[1])));
    if (bind(listener, reinterpret_cast<sockaddr *>(&addr), sizeof addr) < 0 || listen(listener, 16) < 0) {
        std::perror("bind/listen");
        return 1;
    }
    for (;;) {
        int fd = accept(listener, nullptr, nullptr);
        if (fd < 0) {
            if (errno == EINTR || errno == ECONNABORTED) continue;
            std::perror("accept");
            return 1;
        }
        serve(fd);
        close(fd);
    }
}
