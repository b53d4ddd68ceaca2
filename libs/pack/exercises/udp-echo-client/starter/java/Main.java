// udp-echo-client: send "PING" over UDP, up to 3 tries of 1 s each.
// Started as:  java -cp . Main HOST PORT
//   PONG        (exit 0)  the server answered
//   UNREACHABLE (exit 2)  ICMP port unreachable: nothing listens on that port
//   TIMEOUT     (exit 3)  three tries, no answer
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

public class Main {
    static void finish(String word, int code) {
        System.out.println(word);
        System.out.flush();
        System.exit(code);
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: java Main HOST PORT");
            System.exit(1);
        }
        InetSocketAddress server = new InetSocketAddress(args[0], Integer.parseInt(args[1]));
        byte[] ping = "PING".getBytes(StandardCharsets.US_ASCII);
        try (DatagramSocket socket = new DatagramSocket()) {
            // TODO: decide how this socket talks to the server. Without socket.connect(server)
            // a DatagramSocket never hears of ICMP errors; connected, receive() throws
            // java.net.PortUnreachableException when the server's host answers port unreachable.
            for (int attempt = 0; attempt < 3; attempt++) {
                socket.send(new DatagramPacket(ping, ping.length, server));
                // TODO: wait at most 1 s for the answer (socket.setSoTimeout(1000) makes
                // receive() throw SocketTimeoutException): "PONG" → PONG, exit 0;
                // PortUnreachableException → UNREACHABLE, exit 2.
                // After three unanswered tries: TIMEOUT, exit 3.
            }
        }
        finish("TIMEOUT", 3);
    }
}
