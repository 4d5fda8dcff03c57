package dev.tokenportal;

import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline.TimelineEvent;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Where the portal's start-up goes (issue 10): starts the application with Spring's
 * {@link BufferingApplicationStartup}, then prints the slowest steps by their own time (a step's
 * time minus its children's), summed by step name, and the slowest single beans. Run by hand
 * from the extracted jar, with the environment bench/run-startup-benchmark.sh sets:
 * <pre>
 * scripts/extract-with-aot-cache.sh
 * javac -d target/profile -cp target/extracted/token-portal-0.1.0-SNAPSHOT.jar bench/dev/tokenportal/StartupProfile.java
 * cd target/extracted &amp;&amp; java -cp ../profile:token-portal-0.1.0-SNAPSHOT.jar dev.tokenportal.StartupProfile
 * </pre>
 */
public final class StartupProfile {

	public static void main(String[] args) {
		BufferingApplicationStartup startup = new BufferingApplicationStartup(100_000);
		SpringApplication application = new SpringApplication(TokenPortalApplication.class);
		application.setApplicationStartup(startup);
		long t0 = System.nanoTime();
		ConfigurableApplicationContext context = application.run(args);
		long total = (System.nanoTime() - t0) / 1_000_000;
		var events = startup.getBufferedTimeline().getEvents();
		Map<Long, Long> childTime = new HashMap<>();
		for (TimelineEvent event : events) {
			Long parent = event.getStartupStep().getParentId();
			if (parent != null) {
				childTime.merge(parent, event.getDuration().toMillis(), Long::sum);
			}
		}
		Map<String, Long> selfByName = new HashMap<>();
		for (TimelineEvent event : events) {
			long self = event.getDuration().toMillis() - childTime.getOrDefault(event.getStartupStep().getId(), 0L);
			selfByName.merge(event.getStartupStep().getName(), self, Long::sum);
		}
		System.out.println("run() took " + total + " ms; own time by step name:");
		selfByName.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
			.limit(15)
			.forEach((e) -> System.out.printf("  %6d ms  %s%n", e.getValue(), e.getKey()));
		System.out.println("slowest beans (including their dependencies):");
		events.stream()
			.filter((e) -> e.getStartupStep().getName().equals("spring.beans.instantiate"))
			.sorted(Comparator.comparing(TimelineEvent::getDuration).reversed())
			.limit(Integer.getInteger("top", 40))
			.forEach((e) -> System.out.printf("  %6d ms  %s%n", e.getDuration().toMillis(), tags(e)));
		System.out.println("other slow steps (over 50 ms):");
		events.stream()
			.filter((e) -> !e.getStartupStep().getName().equals("spring.beans.instantiate"))
			.filter((e) -> e.getDuration().compareTo(Duration.ofMillis(50)) > 0)
			.forEach((e) -> System.out.printf("  %6d ms  %s %s%n", e.getDuration().toMillis(),
					e.getStartupStep().getName(), tags(e)));
		context.close();
	}

	private static String tags(TimelineEvent event) {
		return StreamSupport.stream(event.getStartupStep().getTags().spliterator(), false)
			.map((tag) -> tag.getKey() + "=" + tag.getValue())
			.collect(Collectors.joining(" "));
	}

}
