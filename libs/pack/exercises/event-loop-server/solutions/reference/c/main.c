/* event-loop-server reference: one thread, non-blocking sockets, poll(). */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_CLIENTS 1024
#define MAX_REQUEST 64
#define MAX_SIZE 16777216L
#define CHUNK 65536

static const char ALPHABET[] = "abcdefghijklmnopqrstuvwxyz";

struct client {
    int fd;
    char request[MAX_REQUEST];
    size_t request_len;
    int writing;   /* 0: reading the request; 1: sending the reply */
    long size;     /* bytes the reply has */
    long sent;     /* bytes of it sent so far */
};

static struct client clients[MAX_CLIENTS];
static int client_count;

static void set_nonblocking(int fd) {
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
}

static void drop(int i) {
    close(clients[i].fd);
    clients[i] = clients[--client_count];
}

/* Parses "SIZE <n>" (without the newline); returns n, or -1. */
static long parse_request(const char *line) {
    if (strncmp(line, "SIZE ", 5) != 0 || line[5] == '\0') return -1;
    char *end;
    errno = 0;
    long n = strtol(line + 5, &end, 10);
    if (errno != 0 || *end != '\0' || n < 0 || n > MAX_SIZE) return -1;
    return n;
}

/* Reads what is there; returns 0 to keep the client, -1 to drop it. */
static int on_readable(struct client *c) {
    for (;;) {
        ssize_t n = recv(c->fd, c->request + c->request_len, MAX_REQUEST - 1 - c->request_len, 0);
        if (n < 0) return (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) ? 0 : -1;
        if (n == 0) return -1;
        c->request_len += (size_t)n;
        c->request[c->request_len] = '\0';
        char *newline = strchr(c->request, '\n');
        if (newline != NULL) {
            *newline = '\0';
            c->size = parse_request(c->request);
            if (c->size < 0) return -1;
            c->writing = 1;
            c->sent = 0;
            return 0;
        }
        if (c->request_len == MAX_REQUEST - 1) return -1;
    }
}

/* Sends as much as the socket takes; returns 0 to keep the client, -1 to drop it (done or failed). */
static int on_writable(struct client *c) {
    char chunk[CHUNK];
    while (c->sent < c->size) {
        long len = c->size - c->sent < CHUNK ? c->size - c->sent : CHUNK;
        for (long k = 0; k < len; k++) chunk[k] = ALPHABET[(c->sent + k) % 26];
        ssize_t n = send(c->fd, chunk, (size_t)len, MSG_NOSIGNAL);
        if (n < 0) return (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) ? 0 : -1;
        c->sent += n;
    }
    return -1; /* all queued: close() sends our FIN after the last byte */
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s PORT\n", argv[0]);
        return 1;
    }
    signal(SIGPIPE, SIG_IGN);
    int listener = socket(AF_INET, SOCK_STREAM, 0);
    if (listener < 0) { perror("socket"); return 1; }
    int on = 1;
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_ANY);
    addr.sin_port = htons((unsigned short)atoi(argv[1]));
    if (bind(listener, (struct sockaddr *)&addr, sizeof addr) < 0 || listen(listener, 128) < 0) {
        perror("bind/listen");
        return 1;
    }
    set_nonblocking(listener);
    struct pollfd fds[MAX_CLIENTS + 1];
    for (;;) {
        fds[0].fd = listener;
        fds[0].events = client_count < MAX_CLIENTS ? POLLIN : 0;
        for (int i = 0; i < client_count; i++) {
            fds[i + 1].fd = clients[i].fd;
            fds[i + 1].events = clients[i].writing ? POLLOUT : POLLIN;
        }
        int polled = client_count;
        if (poll(fds, (nfds_t)polled + 1, -1) < 0) {
            if (errno == EINTR) continue;
            perror("poll");
            return 1;
        }
        /* Backwards: drop() moves the last client into the freed slot. */
        for (int i = polled - 1; i >= 0; i--) {
            short ready = fds[i + 1].revents;
            if (ready == 0) continue;
            struct client *c = &clients[i];
            int keep = 0;
            if (ready & (POLLERR | POLLNVAL)) keep = -1;
            else if (c->writing) keep = on_writable(c);
            else keep = on_readable(c);
            if (keep < 0) drop(i);
        }
        if (fds[0].revents & POLLIN) {
            while (client_count < MAX_CLIENTS) {
                int fd = accept(listener, NULL, NULL);
                if (fd < 0) break;
                set_nonblocking(fd);
                clients[client_count] = (struct client){ .fd = fd };
                client_count++;
            }
        }
    }
}
