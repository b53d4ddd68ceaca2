// heartbeat-client, an independent Java solution: PING every second; readLine() with a 2 s
// socket timeout waits for each PONG. Reports CLOSED (0), DEAD (4) or RESET (5).
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

public class Main {
  private static final int PING_INTERVAL_MS = 1000;
  private static final int PONG_DEADLINE_MS = 2000;

  private static void report(String word, int status) {
    System.out.println(word);
    System.out.flush();
    System.exit(status);
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: java Main HOST PORT");
      System.exit(1);
    }
    Socket socket = new Socket(args[0], Integer.parseInt(args[1]));
    socket.setSoTimeout(PONG_DEADLINE_MS);
    BufferedReader in =
        new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
    OutputStream out = socket.getOutputStream();
    while (true) {
      long sentAt = System.nanoTime();
      String reply;
      try {
        out.write("PING\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        reply = in.readLine();
      } catch (SocketTimeoutException silent) {
        report("DEAD", 4);
        return;
      } catch (IOException reset) { // "Connection reset", "Broken pipe"
        report("RESET", 5);
        return;
      }
      if (reply == null || reply.equals("BYE")) {
        socket.close();
        report("CLOSED", 0);
      }
      if (!reply.equals("PONG")) System.err.println("unexpected line: " + reply);
      long waitMs = PING_INTERVAL_MS - (System.nanoTime() - sentAt) / 1_000_000;
      if (waitMs > 0) Thread.sleep(waitMs);
    }
  }
}
