// udp-echo-client, an independent Java solution with a connected DatagramChannel and a
// Selector that waits at most 1 s per try. PONG (0), UNREACHABLE (2), TIMEOUT (3).
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;

public class Main {
  private static final int TRIES = 3;
  private static final long WAIT_MS = 1000;

  private static void report(String word, int status) {
    System.out.println(word);
    System.out.flush();
    System.exit(status);
  }

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: java Main HOST PORT");
      System.exit(1);
    }
    InetSocketAddress server = new InetSocketAddress(args[0], Integer.parseInt(args[1]));
    try (DatagramChannel channel = DatagramChannel.open(); Selector selector = Selector.open()) {
      channel.connect(server); // sends nothing; lets ICMP port unreachable reach this channel
      channel.configureBlocking(false);
      channel.register(selector, SelectionKey.OP_READ);
      ByteBuffer answer = ByteBuffer.allocate(64);
      for (int attempt = 1; attempt <= TRIES; attempt++) {
        try {
          channel.write(ByteBuffer.wrap("PING".getBytes(StandardCharsets.US_ASCII)));
          long deadline = System.nanoTime() + WAIT_MS * 1_000_000;
          long left;
          while ((left = (deadline - System.nanoTime()) / 1_000_000) > 0) {
            if (selector.select(left) == 0) continue;
            selector.selectedKeys().clear();
            answer.clear();
            if (channel.read(answer) <= 0) continue;
            String text = new String(answer.array(), 0, answer.position(), StandardCharsets.US_ASCII);
            if (text.equals("PONG")) report("PONG", 0);
            System.err.println("unexpected datagram: " + text);
          }
        } catch (PortUnreachableException e) {
          report("UNREACHABLE", 2);
        }
      }
    }
    report("TIMEOUT", 3);
  }
}
