package dev.lockxref.stack;

import dev.lockxref.capture.Task;

/**
 * A task with what analysis made of it.
 *
 * @param capture index of its capture in the analysis
 * @param task the task as read
 * @param stack its simplified stack
 * @param activity what it is doing
 * @param group the id of the group of tasks with the same simplified stack
 */
public record TaskView(int capture, Task task, SimplifiedStack stack, Activity activity, String group) {}
